//go:build !race

package runtime

// raceEnabled is true under the race detector, which makes sync.Pool drop
// what it is given at random, so allocation counts vary.
const raceEnabled = false
