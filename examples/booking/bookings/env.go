package bookings

import (
	"cmp"
	"fmt"
	"strconv"
)

// The environment variables that say which database the servers open,
// and how it books.
const (
	EnvDatabaseURL  = "BOOKING_DATABASE_URL"   // a postgres:// URL: Postgres
	EnvDB           = "BOOKING_DB"             // otherwise the SQLite file (default DefaultDB)
	EnvTablesPerDay = "BOOKING_TABLES_PER_DAY" // default DefaultTablesPerDay
	EnvRefSeed      = "BOOKING_REF_SEED"       // for tests: references from SeededRefs
)

// DefaultDB is the SQLite file when neither EnvDatabaseURL nor EnvDB is set.
const DefaultDB = "booking.db"

// FromEnv reads where the database is, and the Config, through getenv.
func FromEnv(getenv func(string) string) (where string, cfg Config, err error) {
	where = getenv(EnvDatabaseURL)
	if where != "" && !isPostgresURL(where) {
		return "", cfg, fmt.Errorf("%s: want a postgres:// URL (a SQLite file goes in %s)", EnvDatabaseURL, EnvDB)
	}
	where = cmp.Or(where, getenv(EnvDB), DefaultDB)
	if v := getenv(EnvTablesPerDay); v != "" {
		if cfg.TablesPerDay, err = strconv.Atoi(v); err != nil || cfg.TablesPerDay < 1 {
			return "", cfg, fmt.Errorf("%s: %q is not a number of tables, 1 or more", EnvTablesPerDay, v)
		}
	}
	if v := getenv(EnvRefSeed); v != "" {
		seed, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return "", cfg, fmt.Errorf("%s: %q is not a number", EnvRefSeed, v)
		}
		cfg.NewRef = SeededRefs(seed)
	}
	return where, cfg, nil
}
