package main

import (
	"errors"
	"fmt"
	"net/url"
	"time"

	ivrruntime "github.com/ivrgen/ivrgen/runtime"

	"example.com/booking/bookings"
	"example.com/booking/phone"
)

// The server's own environment variables; bookings.FromEnv reads the
// database's, phone.NumbersFromEnv the phone numbers.
const (
	envTimezone = "BOOKING_TIMEZONE" // the restaurant's IANA time zone (default UTC)
	envNow      = "BOOKING_NOW"      // for tests and demonstrations: a fixed clock
)

// environment documents every variable the server reads, for -help.
var environment = [][2]string{
	{ivrruntime.EnvVirtualNumber, "your 8x8 virtual number (E.164), the caller id of transfers"},
	{"IVR_STAFF_NUMBER", "the restaurant's own number (E.164): callers who press 0, and when bookings fail"},
	{ivrruntime.EnvWebhookAuth, "optional: webhooks must carry this exact Authorization header (8x8's httpAuthHeader)"},
	{ivrruntime.EnvStateKey, "a secret that signs the values in clientActionIds: the same for every replica"},
	{bookings.EnvDatabaseURL, "a postgres:// URL: the bookings are in PostgreSQL"},
	{bookings.EnvDB, "otherwise, the SQLite file of the bookings (default " + bookings.DefaultDB + ")"},
	{bookings.EnvTablesPerDay, fmt.Sprintf("how many tables a day takes (default %d)", bookings.DefaultTablesPerDay)},
	{envTimezone, "the restaurant's time zone, where today is, such as Europe/Rome (default UTC)"},
	{envNow, "for tests and demonstrations: the time it always is (RFC 3339)"},
	{bookings.EnvRefSeed, "for tests and demonstrations: draw booking references from this seed's sequence"},
}

// config is what the server reads from its environment.
type config struct {
	numbers phone.Numbers
	where   string // the database, for bookings.Open
	store   bookings.Config
	zone    *time.Location
	now     func() time.Time
}

// configFromEnv reads the configuration through getenv. Its error names
// every variable that is missing or wrong.
func configFromEnv(getenv func(string) string) (config, error) {
	var c config
	var errs []error
	var err error
	c.numbers, err = phone.NumbersFromEnv(getenv)
	errs = append(errs, err)
	c.where, c.store, err = bookings.FromEnv(getenv)
	errs = append(errs, err)
	c.zone = time.UTC
	if name := getenv(envTimezone); name != "" {
		if c.zone, err = time.LoadLocation(name); err != nil {
			errs = append(errs, fmt.Errorf("%s: %q is not an IANA time zone such as Europe/Rome", envTimezone, name))
		}
	}
	c.now = time.Now
	if v := getenv(envNow); v != "" {
		fixed, err := time.Parse(time.RFC3339, v)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %q is not an RFC 3339 time such as 2026-03-14T19:30:00+01:00", envNow, v))
		}
		c.now = func() time.Time { return fixed }
	}
	return c, errors.Join(errs...)
}

// redacted is where the database is, without a password, for the log.
func redacted(where string) string {
	u, err := url.Parse(where)
	if err != nil || u.Scheme == "" {
		return where
	}
	return u.Redacted()
}
