// Package bookings is the restaurant's book of tables, in a SQL database
// through database/sql: SQLite (a file, with the pure-Go driver
// modernc.org/sqlite) or PostgreSQL (github.com/jackc/pgx/v5). Every
// server that opens the same database sees the others' bookings: several
// replicas on one Postgres, or several processes on one SQLite file.
//
// The restaurant has the same number of tables every day, and a booking
// takes one. Taking the last table is atomic: of two bookings at once, one
// gets it and the other is told the day is full.
package bookings

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// DefaultTablesPerDay is the capacity when Config leaves it out.
const DefaultTablesPerDay = 10

// maxConns bounds the connections a Store opens: more bookings at once wait
// for one of them.
const maxConns = 16

// Config configures a Store.
type Config struct {
	// TablesPerDay is how many bookings a day takes (0: DefaultTablesPerDay).
	// It is read at each booking, so a restart with another number applies
	// it to the days already booked too.
	TablesPerDay int
	// NewRef draws a booking reference of RefDigits digits (nil: RandomRef).
	// One already taken is drawn again.
	NewRef func() string
}

// Store is the book of tables. It is safe for concurrent use.
type Store struct {
	db      *sql.DB
	dialect dialect
	tables  int
	newRef  func() string
}

// Booking is one table booked.
type Booking struct {
	Ref    string // RefDigits digits, unique
	Date   Date
	Party  int    // how many people
	Caller string // the caller's number, as 8x8 gave it ("" when unknown)
}

// Errors of Book and Find.
var (
	ErrFull     = errors.New("bookings: no table left that day")
	ErrNotFound = errors.New("bookings: no booking with that reference")
)

// Open opens the database where names, a postgres:// (or postgresql://)
// URL or else the path of a SQLite file (created if need be), and creates
// its tables if they are not there yet.
func Open(ctx context.Context, where string, cfg Config) (*Store, error) {
	if where == "" {
		return nil, errors.New("bookings: no database: give a postgres:// URL or the path of a SQLite file")
	}
	d, dsn := sqlite, sqliteDSN(where)
	if isPostgresURL(where) {
		d, dsn = postgres, where
	}
	db, err := sql.Open(d.driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("bookings: %s: %w", d.name, err)
	}
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns) // kept open: a booking should not wait for a new connection
	s := &Store{db: db, dialect: d, tables: cfg.TablesPerDay, newRef: cfg.NewRef}
	if s.tables <= 0 {
		s.tables = DefaultTablesPerDay
	}
	if s.newRef == nil {
		s.newRef = RandomRef
	}
	if err := s.createSchema(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("bookings: creating the %s schema: %w", d.name, err)
	}
	return s, nil
}

// createSchema creates the tables in one transaction, which servers
// starting at once take one after the other.
func (s *Store) createSchema(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmts := s.dialect.schema()
	if s.dialect.schemaLock != "" {
		stmts = append([]string{s.dialect.schemaLock}, stmts...)
	}
	for _, stmt := range stmts {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Kind is "sqlite" or "postgres".
func (s *Store) Kind() string { return s.dialect.name }

// TablesPerDay is the store's capacity.
func (s *Store) TablesPerDay() int { return s.tables }

// Find returns the booking with reference ref, or ErrNotFound.
func (s *Store) Find(ctx context.Context, ref string) (Booking, error) {
	if !validRef(ref) {
		return Booking{}, ErrNotFound
	}
	b, err := scanBooking(s.db.QueryRowContext(ctx, selectBooking+` WHERE ref = $1`, ref))
	if errors.Is(err, sql.ErrNoRows) {
		return Booking{}, ErrNotFound
	}
	return b, err
}

// OnDate returns the bookings of a day, by reference.
func (s *Store) OnDate(ctx context.Context, date Date) ([]Booking, error) {
	rows, err := s.db.QueryContext(ctx, selectBooking+` WHERE day = $1 ORDER BY ref`, date.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Booking
	for rows.Next() {
		b, err := scanBooking(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, b)
	}
	return list, rows.Err()
}

// TablesBooked is how many tables are booked on a day, as the count that
// bookings check against the capacity holds it.
func (s *Store) TablesBooked(ctx context.Context, date Date) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT booked FROM days WHERE day = $1`, date.String()).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return n, err
}

const selectBooking = `SELECT ref, day, party, caller FROM bookings`

// scanBooking reads a row of selectBooking.
func scanBooking(row interface{ Scan(...any) error }) (Booking, error) {
	var b Booking
	var day string
	if err := row.Scan(&b.Ref, &day, &b.Party, &b.Caller); err != nil {
		return Booking{}, err
	}
	var err error
	b.Date, err = ParseDate(day)
	return b, err
}
