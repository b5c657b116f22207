package bookings

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"             // database/sql driver "sqlite", pure Go
)

// dialect is what differs between the two databases. The queries are the
// same for both: $1 placeholders, ON CONFLICT ... DO NOTHING, and dates
// as YYYY-MM-DD text.
type dialect struct {
	name   string // "sqlite" or "postgres", for logs
	driver string
	// createdAt is the type and default of bookings.created_at.
	createdAt string
	// schemaLock serializes the creation of the schema between servers
	// starting at once ("" when BEGIN already does).
	schemaLock string
	// writeLock takes the lock that a booking waits for, in a transaction
	// (see Store.Lock); "" when BEGIN already does.
	writeLock string
}

var (
	// SQLite: every connection waits up to busyTimeout for another's write
	// lock instead of failing with SQLITE_BUSY; WAL lets readers (Find)
	// go on while one writes; and a transaction takes the write lock when
	// it begins (_txlock=immediate), so that two bookings never both read
	// and then both try to write.
	sqlite = dialect{
		name:      "sqlite",
		driver:    "sqlite",
		createdAt: `TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
		writeLock: "", // BEGIN IMMEDIATE holds it already
	}
	// Postgres: READ COMMITTED, the default, is enough: UPDATE ... WHERE
	// booked < capacity locks the day's row and re-reads it once the
	// transaction that held it ends, so the last table goes to one of two
	// bookings at once.
	postgres = dialect{
		name:       "postgres",
		driver:     "pgx",
		createdAt:  `TIMESTAMPTZ NOT NULL DEFAULT now()`,
		schemaLock: `SELECT pg_advisory_xact_lock(7419031)`, // any constant of this app's own
		writeLock:  `LOCK TABLE days IN EXCLUSIVE MODE`,     // readers go on, bookings wait
	}
)

// busyTimeout is how long a SQLite connection waits for the write lock: as
// long as a hook may take (ivrruntime.MaxHookTimeout). A booking whose
// context ends first is rolled back by database/sql, but this version of
// the driver goes on waiting until busyTimeout, holding a connection
// (from modernc.org/sqlite v1.61, which needs Go 1.26, the wait ends with
// the context).
const busyTimeout = 5 * time.Second

// sqliteDSN is the data source name of the SQLite file at path.
func sqliteDSN(path string) string {
	q := url.Values{}
	q.Set("_busy_timeout", strconv.FormatInt(busyTimeout.Milliseconds(), 10))
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "1")
	q.Set("_txlock", "immediate")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// isPostgresURL reports whether where names a Postgres database.
func isPostgresURL(where string) bool {
	return strings.HasPrefix(where, "postgres://") || strings.HasPrefix(where, "postgresql://")
}

// schema creates the tables once; running it again changes nothing.
// days.booked counts the tables booked on a day, which the capacity bounds;
// bookings.idem_key is the hook's idempotency key, NULL when 8x8 sent no
// event id (UNIQUE lets NULLs repeat, in both databases).
func (d dialect) schema() []string {
	return []string{
		`CREATE TABLE IF NOT EXISTS days (
			day    TEXT PRIMARY KEY,
			booked INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0)
		)`,
		`CREATE TABLE IF NOT EXISTS bookings (
			ref        TEXT PRIMARY KEY CHECK (length(ref) = 6),
			idem_key   TEXT UNIQUE,
			day        TEXT NOT NULL REFERENCES days (day),
			party      INTEGER NOT NULL CHECK (party > 0),
			caller     TEXT NOT NULL,
			created_at ` + d.createdAt + `
		)`,
		`CREATE INDEX IF NOT EXISTS bookings_by_day ON bookings (day)`,
	}
}
