package bookings_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"example.com/booking/bookings"
	"example.com/booking/internal/testdb"
)

// result is what one of many bookings at once came to.
type result struct {
	b   bookings.Booking
	err error
}

// bookAtOnce runs the requests at the same moment, each on its own
// goroutine, spread over the stores.
func bookAtOnce(stores []*bookings.Store, reqs []bookings.Request) []result {
	results := make([]result, len(reqs))
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	for i, req := range reqs {
		ready.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			ready.Done()
			<-start
			results[i].b, results[i].err = stores[i%len(stores)].Book(context.Background(), req)
		}()
	}
	ready.Wait()
	close(start)
	done.Wait()
	return results
}

// The last tables of a day, asked for by many callers at once over two
// servers: as many booked as there were tables left, the rest told the day
// is full. Three days in a row: on the second and third, every connection
// is open already, and the bookings meet in the database at once.
func TestLastTablesAtOnce(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, where string) {
		const tables = 8
		cfg := bookings.Config{TablesPerDay: tables}
		stores := []*bookings.Store{open(t, where, cfg), open(t, where, cfg)}
		for day := range 3 {
			lastTablesAtOnce(t, stores, saturday.AddDays(day))
		}
	})
}

func lastTablesAtOnce(t *testing.T, stores []*bookings.Store, date bookings.Date) {
	const bookedBefore, callers = 5, 40
	tables := stores[0].TablesPerDay()
	for i := range bookedBefore {
		book(t, stores[0], bookings.Request{Key: fmt.Sprintf("%v/before-%d", date, i), Date: date, Party: 2})
	}
	reqs := make([]bookings.Request, callers)
	for i := range reqs {
		reqs[i] = bookings.Request{Key: fmt.Sprintf("%v/caller-%d", date, i), Date: date, Party: 2}
	}
	booked, full := map[string]bool{}, 0
	for i, r := range bookAtOnce(stores, reqs) {
		switch {
		case errors.Is(r.err, bookings.ErrFull):
			full++
		case r.err != nil:
			t.Errorf("%v, caller %d: %v (want a booking or ErrFull)", date, i, r.err)
		case booked[r.b.Ref]:
			t.Errorf("%v, caller %d: reference %s given twice", date, i, r.b.Ref)
		default:
			booked[r.b.Ref] = true
		}
	}
	left := tables - bookedBefore
	if len(booked) != left || full != callers-left {
		t.Errorf("%v: %d booked and %d full, want %d and %d", date, len(booked), full, left, callers-left)
	}
	list, err := stores[0].OnDate(context.Background(), date)
	if err != nil || len(list) != tables {
		t.Errorf("%v: OnDate = %d bookings (%v), want %d", date, len(list), err, tables)
	}
	if n := tablesBooked(t, stores[1], date); n != tables {
		t.Errorf("%v: TablesBooked = %d, want %d", date, n, tables)
	}
}

// One webhook delivered several times at once books one table, and every
// delivery gets that booking.
func TestSameWebhookAtOnce(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, where string) {
		cfg := bookings.Config{TablesPerDay: 3}
		stores := []*bookings.Store{open(t, where, cfg), open(t, where, cfg)}
		reqs := make([]bookings.Request, 10)
		for i := range reqs {
			reqs[i] = bookings.Request{Key: "e2078079/book", Date: saturday, Party: 4}
		}
		results := bookAtOnce(stores, reqs)
		for i, r := range results {
			if r.err != nil || r.b != results[0].b {
				t.Errorf("delivery %d = %+v, %v; want the booking %+v", i, r.b, r.err, results[0].b)
			}
		}
		if n := tablesBooked(t, stores[0], saturday); n != 1 {
			t.Errorf("TablesBooked = %d after one webhook delivered 10 times, want 1", n)
		}
	})
}

// While another connection holds the write lock, a booking waits for it
// rather than failing, and Find goes on.
func TestBookingWaitsForTheLock(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, where string) {
		s := open(t, where, bookings.Config{NewRef: func() string { return "424242" }})
		release, err := open(t, where, bookings.Config{}).Lock(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan result, 1)
		go func() {
			b, err := s.Book(context.Background(), bookings.Request{Key: "k", Date: saturday, Party: 2})
			done <- result{b, err}
		}()
		if _, err := s.Find(context.Background(), "424242"); !errors.Is(err, bookings.ErrNotFound) {
			t.Errorf("Find while locked: %v, want ErrNotFound at once", err)
		}
		select {
		case r := <-done:
			t.Fatalf("Book went through the lock: %+v, %v", r.b, r.err)
		case <-time.After(300 * time.Millisecond):
		}
		if err := release(); err != nil {
			t.Fatal(err)
		}
		if r := <-done; r.err != nil || r.b.Ref != "424242" {
			t.Errorf("Book after the lock = %+v, %v; want booking 424242", r.b, r.err)
		}
	})
}

// A booking whose deadline passes while it waits for the lock fails, and
// books nothing, even though the lock is released a moment later.
func TestBookingMissesItsDeadline(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, where string) {
		s := open(t, where, bookings.Config{})
		release, err := open(t, where, bookings.Config{}).Lock(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		released := make(chan error, 1)
		time.AfterFunc(400*time.Millisecond, func() { released <- release() })
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		b, err := s.Book(ctx, bookings.Request{Key: "late", Date: saturday, Party: 2})
		if err == nil {
			t.Fatalf("Book with the database locked past its deadline = %+v, want an error", b)
		}
		if ctx.Err() == nil {
			t.Errorf("Book failed before its deadline: %v", err)
		}
		if err := <-released; err != nil {
			t.Fatal(err)
		}
		if n := tablesBooked(t, s, saturday); n != 0 {
			t.Errorf("TablesBooked = %d after a booking that failed, want 0", n)
		}
		if b := book(t, s, bookings.Request{Key: "late", Date: saturday, Party: 2}); b.Party != 2 {
			t.Errorf("the same key, retried: %+v", b)
		}
	})
}
