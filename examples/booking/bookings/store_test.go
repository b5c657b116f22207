package bookings_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"example.com/booking/bookings"
	"example.com/booking/internal/testdb"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

var (
	saturday = bookings.Date{Year: 2026, Month: time.March, Day: 14}
	sunday   = saturday.AddDays(1)
)

// open opens the database at where, closed after the test.
func open(t *testing.T, where string, cfg bookings.Config) *bookings.Store {
	t.Helper()
	s, err := bookings.Open(context.Background(), where, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// book books, failing the test on an error.
func book(t *testing.T, s *bookings.Store, req bookings.Request) bookings.Booking {
	t.Helper()
	b, err := s.Book(context.Background(), req)
	if err != nil {
		t.Fatalf("Book(%+v): %v", req, err)
	}
	return b
}

// tablesBooked is the day's count, failing the test on an error.
func tablesBooked(t *testing.T, s *bookings.Store, d bookings.Date) int {
	t.Helper()
	n, err := s.TablesBooked(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBookThenFind(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, where string) {
		s := open(t, where, bookings.Config{})
		b := book(t, s, bookings.Request{Key: "e1/book", Date: saturday, Party: 4, Caller: "+6590001111"})
		want := bookings.Booking{Ref: b.Ref, Date: saturday, Party: 4, Caller: "+6590001111"}
		if b != want || len(b.Ref) != bookings.RefDigits {
			t.Fatalf("Book = %+v, want %+v with a reference of %d digits", b, want, bookings.RefDigits)
		}
		got, err := s.Find(context.Background(), b.Ref)
		if err != nil || got != want {
			t.Errorf("Find(%s) = %+v, %v; want %+v", b.Ref, got, err, want)
		}
		list, err := s.OnDate(context.Background(), saturday)
		if err != nil || len(list) != 1 || list[0] != want {
			t.Errorf("OnDate(saturday) = %+v, %v; want [%+v]", list, err, want)
		}
		if n := tablesBooked(t, s, saturday); n != 1 {
			t.Errorf("TablesBooked(saturday) = %d, want 1", n)
		}
		if n := tablesBooked(t, s, sunday); n != 0 {
			t.Errorf("TablesBooked(sunday) = %d, want 0", n)
		}
	})
}

func TestFindUnknown(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, where string) {
		s := open(t, where, bookings.Config{NewRef: func() string { return "123456" }})
		book(t, s, bookings.Request{Date: saturday, Party: 2})
		for _, ref := range []string{"654321", "12345", "1234567", "12345a", ""} {
			if b, err := s.Find(context.Background(), ref); !errors.Is(err, bookings.ErrNotFound) {
				t.Errorf("Find(%q) = %+v, %v; want ErrNotFound", ref, b, err)
			}
		}
	})
}

func TestFullDay(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, where string) {
		s := open(t, where, bookings.Config{TablesPerDay: 2})
		book(t, s, bookings.Request{Key: "a", Date: saturday, Party: 2})
		book(t, s, bookings.Request{Key: "b", Date: saturday, Party: 3})
		if b, err := s.Book(context.Background(), bookings.Request{Key: "c", Date: saturday, Party: 2}); !errors.Is(err, bookings.ErrFull) {
			t.Fatalf("third booking on a day of 2 tables = %+v, %v; want ErrFull", b, err)
		}
		if n := tablesBooked(t, s, saturday); n != 2 {
			t.Errorf("TablesBooked(saturday) = %d, want 2", n)
		}
		book(t, s, bookings.Request{Key: "d", Date: sunday, Party: 2}) // another day has its own tables
		// A restart with more tables gives the day its new capacity.
		more := open(t, where, bookings.Config{TablesPerDay: 3})
		book(t, more, bookings.Request{Key: "e", Date: saturday, Party: 2})
	})
}

func TestSameKeyBooksOnce(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, where string) {
		s := open(t, where, bookings.Config{TablesPerDay: 1})
		req := bookings.Request{Key: "e2078079/book", Date: saturday, Party: 4, Caller: "+6590001111"}
		first := book(t, s, req)
		// 8x8 sends the webhook again: the same booking, on a day now full.
		if again := book(t, s, req); again != first {
			t.Errorf("the same request again = %+v, want the first booking %+v", again, first)
		}
		if n := tablesBooked(t, s, saturday); n != 1 {
			t.Errorf("TablesBooked = %d after one booking sent twice, want 1", n)
		}
		// Another key is another booking.
		if b, err := s.Book(context.Background(), bookings.Request{Key: "other/book", Date: saturday, Party: 4}); !errors.Is(err, bookings.ErrFull) {
			t.Errorf("another key on the full day = %+v, %v; want ErrFull", b, err)
		}
	})
}

func TestNoKeyBooksEveryTime(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, where string) {
		s := open(t, where, bookings.Config{})
		req := bookings.Request{Date: saturday, Party: 2}
		a, b := book(t, s, req), book(t, s, req)
		if a.Ref == b.Ref {
			t.Errorf("two bookings without a key share reference %s", a.Ref)
		}
		if n := tablesBooked(t, s, saturday); n != 2 {
			t.Errorf("TablesBooked = %d, want 2", n)
		}
	})
}

func TestTakenReferenceIsDrawnAgain(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, where string) {
		refs := []string{"111111", "111111", "222222"}
		s := open(t, where, bookings.Config{NewRef: func() string { r := refs[0]; refs = refs[1:]; return r }})
		if b := book(t, s, bookings.Request{Key: "a", Date: saturday, Party: 2}); b.Ref != "111111" {
			t.Fatalf("first reference %s, want 111111", b.Ref)
		}
		if b := book(t, s, bookings.Request{Key: "b", Date: sunday, Party: 2}); b.Ref != "222222" {
			t.Errorf("second reference %s, want 222222 (111111 is taken)", b.Ref)
		}
	})
}

func TestNoFreeReference(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, where string) {
		s := open(t, where, bookings.Config{NewRef: func() string { return "111111" }})
		book(t, s, bookings.Request{Key: "a", Date: saturday, Party: 2})
		if b, err := s.Book(context.Background(), bookings.Request{Key: "b", Date: saturday, Party: 2}); err == nil || errors.Is(err, bookings.ErrFull) {
			t.Fatalf("a booking with every reference taken = %+v, %v; want an error", b, err)
		}
		if n := tablesBooked(t, s, saturday); n != 1 {
			t.Errorf("TablesBooked = %d after a failed booking, want 1: its table is given back", n)
		}
	})
}

func TestBadRequests(t *testing.T) {
	t.Parallel()
	s := open(t, testdb.SQLite(t), bookings.Config{})
	for _, req := range []bookings.Request{
		{Date: saturday, Party: 0},
		{Date: bookings.Date{Year: 2026, Month: time.February, Day: 30}, Party: 2},
		{Party: 2},
	} {
		if b, err := s.Book(context.Background(), req); err == nil {
			t.Errorf("Book(%+v) = %+v, want an error", req, b)
		}
	}
}

// Two servers on one database (replicas on Postgres, processes on a SQLite
// file) see each other's bookings, and share the tables.
func TestStoresShareTheDatabase(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, where string) {
		a := open(t, where, bookings.Config{TablesPerDay: 2})
		b := open(t, where, bookings.Config{TablesPerDay: 2}) // its schema creation leaves a's tables alone
		mine := book(t, a, bookings.Request{Key: "a", Date: saturday, Party: 5})
		if got, err := b.Find(context.Background(), mine.Ref); err != nil || got != mine {
			t.Errorf("the other store's Find = %+v, %v; want %+v", got, err, mine)
		}
		book(t, b, bookings.Request{Key: "b", Date: saturday, Party: 2})
		if _, err := a.Book(context.Background(), bookings.Request{Key: "c", Date: saturday, Party: 2}); !errors.Is(err, bookings.ErrFull) {
			t.Errorf("a third table over two stores: %v, want ErrFull", err)
		}
		if got := book(t, b, bookings.Request{Key: "a", Date: saturday, Party: 5}); got != mine {
			t.Errorf("the other store, same key = %+v, want %+v", got, mine)
		}
	})
}

func TestOpenNothing(t *testing.T) {
	t.Parallel()
	if s, err := bookings.Open(context.Background(), "", bookings.Config{}); err == nil {
		s.Close()
		t.Fatal("Open(\"\") succeeded")
	}
}

// Servers starting at once on a new database all find the schema made.
func TestOpenAtOnce(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, where string) {
		errs := make(chan error, 8)
		for range cap(errs) {
			go func() {
				s, err := bookings.Open(context.Background(), where, bookings.Config{})
				if err == nil {
					_, err = s.TablesBooked(context.Background(), saturday)
					s.Close()
				}
				errs <- err
			}()
		}
		for range cap(errs) {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
	})
}
