// Command booking-server answers 8x8's Voice webhooks for Luigi's phone
// line (phone/booking.ivr): POST /webhooks and GET /healthz. Its hooks book
// tables in the restaurant's database, SQLite or PostgreSQL, which any
// number of servers may share.
//
//	booking-server [-addr HOST:PORT]
//
// -help lists the environment variables it reads.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	_ "time/tzdata" // BOOKING_TIMEZONE needs no zoneinfo on the machine

	ivrruntime "github.com/ivrgen/ivrgen/runtime"

	"example.com/booking/bookings"
	"example.com/booking/phone"
)

func main() {
	ctx, stop := ivrruntime.SignalContext() // drains on SIGINT or SIGTERM; a second one ends it at once
	code := run(ctx, os.Args[1:], os.Getenv, os.Stderr)
	stop()
	os.Exit(code)
}

// run serves until ctx ends, and returns the exit status: 0 once drained,
// 1 when the server cannot start or fails, 2 on a usage error.
func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) int {
	fs := flag.NewFlagSet("booking-server", flag.ContinueOnError)
	addr := fs.String("addr", ":8080", "the `HOST:PORT` to listen on (port 0: any free port)")
	fs.SetOutput(stderr)
	fs.Usage = func() { usage(fs) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "booking-server: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	cfg, err := configFromEnv(getenv)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(stderr, "booking-server: %s\n", line)
		}
		return 1
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil)).With("flow", "booking")
	if err := serve(ctx, *addr, cfg, getenv, log); err != nil {
		log.Error("serve", "error", err.Error())
		return 1
	}
	return 0
}

// serve opens the database, builds the flow on it and serves it.
func serve(ctx context.Context, addr string, cfg config, getenv func(string) string, log *slog.Logger) error {
	store, err := bookings.Open(ctx, cfg.where, cfg.store)
	if err != nil {
		return err
	}
	defer store.Close()
	log.Info("bookings", "database", store.Kind(), "at", redacted(cfg.where),
		"tables_per_day", store.TablesPerDay(), "zone", cfg.zone.String())
	flow, err := phone.New(cfg.numbers, &phone.StoreHooks{Store: store, Zone: cfg.zone, Now: cfg.now})
	if err != nil {
		return err
	}
	h := ivrruntime.NewHandler(flow, ivrruntime.Options{
		Logger:   log,
		Auth:     getenv(ivrruntime.EnvWebhookAuth),
		StateKey: []byte(getenv(ivrruntime.EnvStateKey)), // without it, NewHandler warns
	})
	return ivrruntime.Serve(ctx, addr, h, log)
}

func usage(fs *flag.FlagSet) {
	w := fs.Output()
	fmt.Fprint(w, "booking-server answers 8x8 Voice webhooks for Luigi's phone line, booking tables in its database.\n\n")
	fmt.Fprint(w, "Usage:\n  booking-server [-addr HOST:PORT]\n\n")
	fs.PrintDefaults()
	fmt.Fprint(w, "\nEnvironment:\n")
	for _, v := range environment {
		fmt.Fprintf(w, "  %-24s %s\n", v[0], v[1])
	}
}
