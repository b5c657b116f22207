// Command fixed is the baseline of the load script (internal/loadtest/run):
// a net/http server that reads each webhook's body and writes one answer it
// holds, as fast as a server can answer. The answer is the restaurant's own
// to main, key 1 (the reservations menu), computed once at start-up, so
// both servers write the same bytes.
package main

import (
	"context"
	"flag"
	"io"
	"log"
	"net/http"

	"github.com/ivrgen/ivrgen/examples/restaurant"
	ivrruntime "github.com/ivrgen/ivrgen/runtime"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "")
	flag.Parse()
	body, err := Answer()
	if err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/webhooks", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	log.Fatal(http.ListenAndServe(*addr, nil))
}

// Answer is the restaurant's answer to main, key 1.
func Answer() ([]byte, error) {
	f, err := restaurant.New(restaurant.Numbers{
		VirtualNumber: ivrruntime.MustNumber("+6531591234"), Staff: ivrruntime.MustNumber("+6562345678"),
	})
	if err != nil {
		return nil, err
	}
	return f.Answer(ivrruntime.NewTurn(context.Background(), nil, "main", "1")).Body(), nil
}
