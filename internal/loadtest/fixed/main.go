// Command fixed is the baseline of the load script (internal/loadtest/run):
// a net/http server that reads each webhook's body and writes one fixed
// callflow, the restaurant's reservations menu, as fast as a server can
// answer. The generated server is measured against it.
package main

import (
	"flag"
	"io"
	"log"
	"net/http"
)

const answer = `{"clientActionId":"reservations","callflow":[{"action":"sayAndCapture","params":{"promptMessage":"Press 1 to make a new reservation, press 2 to reschedule an existing reservation, press 3 to return to main menu.","voiceProfile":"en-US-BenjaminRUS","speed":1,"minDigits":1,"maxDigits":1,"digitTimeout":5000,"overallTimeout":10000,"completeOnHash":true,"noOfTries":2}}]}`

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "")
	flag.Parse()
	body := []byte(answer)
	http.HandleFunc("/webhooks", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	log.Fatal(http.ListenAndServe(*addr, nil))
}
