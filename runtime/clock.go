package runtime

import (
	"fmt"
	"time"
)

// EnvTestNow fixes a built server's clock, for tests of opening hours: an
// RFC 3339 time such as 2026-12-25T08:59:00+08:00.
const EnvTestNow = "IVR_TEST_NOW"

// testNowEnv documents EnvTestNow for --help, after the server's other
// variables: it is for tests, not for production.
var testNowEnv = EnvVar{EnvTestNow, "for tests only: fix the clock of opening hours at an RFC 3339 time, such as 2026-12-25T08:59:00+08:00"}

// FixedClock parses an IVR_TEST_NOW value: it returns a clock that always
// says that instant, or an error that quotes the value and gives an example.
func FixedClock(value string) (func() time.Time, error) {
	// time.Parse's own error quotes Go's layout, which means nothing to
	// someone setting a variable, so the error gives an example instead.
	now, err := time.Parse(time.RFC3339, value)
	if err != nil {
		return nil, fmt.Errorf("%q is not an RFC 3339 time (such as 2026-12-25T08:59:00+08:00, or 2026-12-25T00:59:00Z in UTC)", value)
	}
	return func() time.Time { return now }, nil
}
