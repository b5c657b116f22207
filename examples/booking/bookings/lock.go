package bookings

import (
	"context"
	"database/sql"
)

// Lock takes the lock that bookings write under and holds it until release
// is called (or ctx ends), as a long migration or a backup that locks
// would: meanwhile every Book waits (until its context ends), while Find
// goes on. It is for maintenance, and for trying what callers hear while
// the database is busy.
func (s *Store) Lock(ctx context.Context) (release func() error, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if s.dialect.writeLock != "" {
		if _, err := tx.ExecContext(ctx, s.dialect.writeLock); err != nil {
			tx.Rollback()
			return nil, err
		}
	}
	return func() error { return rollback(tx) }, nil
}

// rollback ends tx, which changed nothing.
func rollback(tx *sql.Tx) error {
	if err := tx.Rollback(); err != sql.ErrTxDone {
		return err
	}
	return nil
}
