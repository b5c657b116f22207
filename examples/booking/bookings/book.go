package bookings

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Request is a table asked for.
type Request struct {
	// Key makes the booking idempotent: a request with the key of a booking
	// made before gets that booking back, and takes no other table. The
	// phone line gives the hook's key, the same when 8x8 sends a webhook
	// again. "" books every time.
	Key    string
	Date   Date
	Party  int
	Caller string
}

// maxRefDraws bounds the references drawn for one booking: with a
// million of them, ten taken in a row means something is wrong.
const maxRefDraws = 10

// Book takes a table on req.Date and returns the booking, or ErrFull when
// every table of that day is taken. A request whose Key was booked before
// returns that booking again, even on a day now full. Book runs in one
// transaction: when ctx ends first, nothing is booked.
func (s *Store) Book(ctx context.Context, req Request) (Booking, error) {
	if !req.Date.valid() {
		return Booking{}, fmt.Errorf("bookings: %v is not a date", req.Date)
	}
	if req.Party < 1 {
		return Booking{}, fmt.Errorf("bookings: a party of %d", req.Party)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Booking{}, err
	}
	defer tx.Rollback() // after Commit, it does nothing
	if b, ok, err := byKey(ctx, tx, req.Key); err != nil || ok {
		return b, err // booked before: a webhook sent again
	}
	if err := takeTable(ctx, tx, req.Date, s.tables); err != nil {
		return Booking{}, err
	}
	for range maxRefDraws {
		b := Booking{Ref: s.newRef(), Date: req.Date, Party: req.Party, Caller: req.Caller}
		inserted, err := insert(ctx, tx, b, req.Key)
		if err != nil {
			return Booking{}, err
		}
		if inserted {
			return b, tx.Commit()
		}
		// The reference is taken, or another delivery of this webhook
		// booked with the key meanwhile (Postgres made this insert wait
		// for it): that booking is the answer, and this transaction,
		// rolled back, gives its table back.
		if b, ok, err := byKey(ctx, tx, req.Key); err != nil || ok {
			return b, err
		}
	}
	return Booking{}, fmt.Errorf("bookings: %d references drawn were all taken", maxRefDraws)
}

// takeTable counts one more table booked on date, if one is left. The
// conditional UPDATE is what makes the last table go once: Postgres locks
// the day's row and re-checks the condition after the transaction holding
// it ends; SQLite runs one writing transaction at a time.
func takeTable(ctx context.Context, tx *sql.Tx, date Date, tables int) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO days (day) VALUES ($1) ON CONFLICT (day) DO NOTHING`, date.String()); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE days SET booked = booked + 1 WHERE day = $1 AND booked < $2`, date.String(), tables)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrFull
	}
	return nil
}

// insert adds b, unless its reference or key is taken.
func insert(ctx context.Context, tx *sql.Tx, b Booking, key string) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO bookings (ref, idem_key, day, party, caller) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
		b.Ref, sql.NullString{String: key, Valid: key != ""}, b.Date.String(), b.Party, b.Caller)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// byKey returns the booking made with key, if there is one.
func byKey(ctx context.Context, tx *sql.Tx, key string) (Booking, bool, error) {
	if key == "" {
		return Booking{}, false, nil
	}
	b, err := scanBooking(tx.QueryRowContext(ctx, selectBooking+` WHERE idem_key = $1`, key))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return Booking{}, false, nil
	case err != nil:
		return Booking{}, false, err
	}
	return b, true, nil
}
