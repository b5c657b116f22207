// Package testdb gives tests the databases to run on: a SQLite file always,
// and a database on a throwaway PostgreSQL server when PostgreSQL is
// installed (Debian's postgresql package). The server is started once per
// test binary, on a free port, and stopped by Main.
package testdb

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
)

// EnvRequirePostgres, set to 1 (as CI does), makes a test on Postgres fail
// instead of skipping when PostgreSQL is not installed or does not start.
const EnvRequirePostgres = "BOOKING_TEST_REQUIRE_POSTGRES"

var (
	startOnce sync.Once
	server    *postgresServer
	startErr  error
	databases atomic.Int64
)

// Main runs the tests, then stops the PostgreSQL server if one was
// started: call it from TestMain, os.Exit(testdb.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	if server != nil {
		if err := server.stop(); err != nil {
			fmt.Fprintf(os.Stderr, "testdb: stopping PostgreSQL: %v\n", err)
			code = max(code, 1)
		}
	}
	return code
}

// SQLite returns the path of a new SQLite file, removed after the test.
func SQLite(t testing.TB) string {
	return filepath.Join(t.TempDir(), "booking.db")
}

// Postgres returns the URL of a new, empty database on the test binary's
// PostgreSQL server, started on first use. It skips the test when
// PostgreSQL is not installed (fails, with EnvRequirePostgres set).
func Postgres(t testing.TB) string {
	startOnce.Do(func() { server, startErr = startPostgres() })
	if startErr != nil {
		if os.Getenv(EnvRequirePostgres) == "" {
			t.Skipf("no PostgreSQL: %v", startErr)
		}
		t.Fatalf("no PostgreSQL, which %s requires: %v", EnvRequirePostgres, startErr)
	}
	url, err := server.createDatabase(fmt.Sprintf("test%d", databases.Add(1)))
	if err != nil {
		t.Fatal(err)
	}
	return url
}

// Each runs test once per database, as parallel subtests sqlite and
// postgres, each with where (what bookings.Open takes) naming a new, empty
// database.
func Each(t *testing.T, test func(t *testing.T, where string)) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		test(t, SQLite(t))
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		test(t, Postgres(t))
	})
}
