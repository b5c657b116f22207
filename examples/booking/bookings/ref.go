package bookings

import (
	"crypto/rand"
	"fmt"
	"math/big"
	mrand "math/rand/v2"
	"sync"
)

// RefDigits is how many digits a booking reference has.
const RefDigits = 6

// refSpace is how many references there are: 000000 to 999999.
var refSpace = big.NewInt(1_000_000)

// RandomRef draws a reference with crypto/rand, so that one booking's
// reference says nothing about another's: the store's default.
func RandomRef() string {
	n, err := rand.Int(rand.Reader, refSpace)
	if err != nil {
		panic(fmt.Sprintf("bookings: crypto/rand: %v", err)) // it does not fail on Linux
	}
	return fmt.Sprintf("%0*d", RefDigits, n.Int64())
}

// SeededRefs returns a generator of references that draws the same
// sequence for the same seed, for tests and demonstrations whose answers
// must be known in advance; two stores with one seed draw the same
// references, which the store's retry on a taken reference sorts out. It
// is safe for concurrent use.
func SeededRefs(seed uint64) func() string {
	var mu sync.Mutex
	r := mrand.New(mrand.NewPCG(seed, seed))
	return func() string {
		mu.Lock()
		defer mu.Unlock()
		return fmt.Sprintf("%0*d", RefDigits, r.IntN(int(refSpace.Int64())))
	}
}

// validRef reports whether ref could be a reference: RefDigits digits.
func validRef(ref string) bool {
	if len(ref) != RefDigits {
		return false
	}
	for i := 0; i < len(ref); i++ {
		if ref[i] < '0' || ref[i] > '9' {
			return false
		}
	}
	return true
}
