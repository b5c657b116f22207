// Command booking-admin looks after Luigi's bookings database, the one
// booking-server uses (the same BOOKING_DATABASE_URL or BOOKING_DB):
//
//	booking-admin list DATE       the bookings of a day (YYYY-MM-DD), by reference
//	booking-admin lock [-for D]   hold the write lock until interrupted (or for D)
//
// lock does what a long migration or a backup that locks would: bookings
// wait, and callers whose booking cannot wait for it hear the error branch
// of hook book. It prints "locked" once it holds the lock.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/booking/bookings"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `usage:
  booking-admin list DATE       the bookings of a day (YYYY-MM-DD)
  booking-admin lock [-for D]   hold the bookings' write lock until interrupted, or for D
`

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	where, cfg, err := bookings.FromEnv(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "booking-admin: %v\n", err)
		return 1
	}
	var cmd func(context.Context, *bookings.Store) error
	switch args[0] {
	case "list":
		if len(args) != 2 {
			fmt.Fprint(stderr, usage)
			return 2
		}
		date, err := bookings.ParseDate(args[1])
		if err != nil {
			fmt.Fprintf(stderr, "booking-admin: %v\n", err)
			return 2
		}
		cmd = func(ctx context.Context, s *bookings.Store) error { return list(ctx, s, date, stdout) }
	case "lock":
		fs := flag.NewFlagSet("lock", flag.ContinueOnError)
		fs.SetOutput(stderr)
		hold := fs.Duration("for", 0, "release the lock after this long (0: when interrupted)")
		if fs.Parse(args[1:]) != nil || fs.NArg() > 0 {
			fmt.Fprint(stderr, usage)
			return 2
		}
		cmd = func(ctx context.Context, s *bookings.Store) error { return lock(ctx, s, *hold, stdout) }
	default:
		fmt.Fprintf(stderr, "booking-admin: unknown command %q\n%s", args[0], usage)
		return 2
	}
	store, err := bookings.Open(ctx, where, cfg)
	if err == nil {
		defer store.Close()
		err = cmd(ctx, store)
	}
	if err != nil {
		fmt.Fprintf(stderr, "booking-admin: %v\n", err)
		return 1
	}
	return 0
}

// list prints the bookings of a day, one a line: reference, party, caller.
func list(ctx context.Context, s *bookings.Store, date bookings.Date, w io.Writer) error {
	all, err := s.OnDate(ctx, date)
	if err != nil {
		return err
	}
	for _, b := range all {
		fmt.Fprintf(w, "%s  %2d people  %s\n", b.Ref, b.Party, b.Caller)
	}
	fmt.Fprintf(w, "%v: %d of %d tables booked\n", date, len(all), s.TablesPerDay())
	return nil
}

// lock holds the write lock until ctx ends, or for hold when it is not 0.
func lock(ctx context.Context, s *bookings.Store, hold time.Duration, w io.Writer) error {
	release, err := s.Lock(context.Background()) // the lock outlives ctx: release ends it
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "locked: bookings wait until this ends")
	if hold > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, hold)
		defer cancel()
	}
	<-ctx.Done()
	if err := release(); err != nil {
		return err
	}
	fmt.Fprintln(w, "released")
	return nil
}
