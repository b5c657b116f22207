package phone

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"example.com/booking/bookings"
	"example.com/booking/internal/testdb"
)

// What the caller hears, from booking.ivr.
const (
	mainMenu    = "capture: Welcome to Luigi's. To book a table press 1. To hear a booking press 2. To speak to us press 0."
	partyAsk    = "capture: For how many people? Enter a number from 1 to 20, then press hash."
	notAParty   = "Please enter a number from 1 to 20."
	dayAsk      = "capture: For today press 1. For tomorrow press 2."
	notADay     = "Please press 1 for today, or 2 for tomorrow."
	refAsk      = "capture: Please enter your six digit booking reference."
	notARef     = "A booking reference has six digits."
	toStaff     = "transfer to +6562345678"
	cannotBook  = "Sorry, we cannot take bookings just now. Let me put you through to us."
	goodbyeText = "We did not hear anything. Goodbye."
)

// lateHook is the error logged for hook book when it missed its deadline.
var lateHook = regexp.MustCompile(`^no answer within 3s$|context deadline exceeded`)

func confirmAsk(party int) string {
	return fmt.Sprintf("capture: A table for %d. Press 1 if that is right, or 2 to change it.", party)
}

// expect checks what the caller hears, and where the answer puts them.
func expect(t *testing.T, step string, r reply, next string, heard ...string) {
	t.Helper()
	if got := r.spoken(); !slices.Equal(got, heard) {
		t.Errorf("%s: the caller hears\n\t%q\nwant\n\t%q", step, got, heard)
	}
	if got := placeAndValues(r.ClientActionID); !strings.HasPrefix(got, next) || (next == "" && got != "") {
		t.Errorf("%s: clientActionId %q, want %q...", step, r.ClientActionID, next)
	}
}

// placeAndValues is what a clientActionId 2|PLACE|SESSION|VALUES|MAC says
// of where the caller is: PLACE, then |VALUES when it carries any; any
// other id as it is.
func placeAndValues(id string) string {
	parts := strings.Split(id, "|")
	if len(parts) != 5 || parts[0] != "2" {
		return id
	}
	if parts[3] == "" {
		return parts[1]
	}
	return parts[1] + "|" + parts[3]
}

// toDay takes a new call through the main menu and the party of n (with
// its read-back) to the question of the day.
func (l *line) toDay(n int) *call {
	l.t.Helper()
	c, r := l.dial()
	expect(l.t, "a new call", r, "main", mainMenu)
	expect(l.t, "main 1", c.press("1"), "party", partyAsk)
	expect(l.t, "the party", c.press(fmt.Sprintf("%d#", n)), "party/confirm|party=", confirmAsk(n))
	expect(l.t, "it is right", c.press("1"), fmt.Sprintf("day|party=%d", n), dayAsk)
	return c
}

func TestBookATable(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, where string) {
		l := newLine(t, where, 10, "042917")
		c, r := l.dial()
		expect(t, "a new call", r, "main", mainMenu)
		expect(t, "main 1", c.press("1"), "party", partyAsk)
		for _, bad := range []string{"0#", "21#", "*", "4*", "123#"} {
			expect(t, "party "+bad, c.press(bad), "party", notAParty, partyAsk)
		}
		expect(t, "party 3", c.press("3#"), "party/confirm|party=3", confirmAsk(3))
		expect(t, "not right", c.press("2"), "party", partyAsk)
		expect(t, "party 4", c.press("4"), "party/confirm|party=4", confirmAsk(4))
		expect(t, "a key the read-back has not: it says itself again", c.press("5"), "party/confirm|party=4", confirmAsk(4))
		expect(t, "right", c.press("1"), "day|party=4", dayAsk)
		expect(t, "day 3", c.press("3"), "day|party=4", notADay, dayAsk)
		booked := c.press("1")
		expect(t, "today", booked, "",
			"Your table for 4 is booked for today.", "Your booking reference is 0 4 2 9 1 7. (x2)", "hangup")

		b, err := l.store.Find(context.Background(), "042917")
		want := bookings.Booking{Ref: "042917", Date: bookings.DateOf(saturdayEvening), Party: 4, Caller: c.caller}
		if err != nil || b != want {
			t.Errorf("the database has %+v, %v; want %+v", b, err, want)
		}
		logs := l.webhookLogs()
		last := logs[len(logs)-1]
		if hook := hookLog(last, "book"); hook["outcome"] != "booked" {
			t.Errorf("log line of the booking: hooks %v, want book outcome booked", last["hooks"])
		}
		if vars, _ := last["vars"].(map[string]any); vars["party"] != "4" || vars["day"] != "today" || vars["ref"] != "042917" {
			t.Errorf("log line of the booking: vars %v, want party 4, day today, ref 042917", last["vars"])
		}
	})
}

// 8x8 sends a webhook again when the answer is slow to come: the caller
// gets the same booking, and it takes one table.
func TestWebhookSentTwice(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, where string) {
		l := newLine(t, where, 10, "111111", "222222")
		c := l.toDay(2)
		first := c.press("2")
		expect(t, "tomorrow", first, "",
			"Your table for 2 is booked for tomorrow.", "Your booking reference is 1 1 1 1 1 1. (x2)", "hangup")
		again := c.resend()
		if !slices.Equal(again.spoken(), first.spoken()) {
			t.Errorf("the same webhook again: %q, want %q", again.spoken(), first.spoken())
		}
		tomorrow := bookings.DateOf(saturdayEvening).AddDays(1)
		if n, err := l.store.TablesBooked(context.Background(), tomorrow); n != 1 || err != nil {
			t.Errorf("TablesBooked(tomorrow) = %d, %v; want 1", n, err)
		}
	})
}

func TestFullDay(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, where string) {
		l := newLine(t, where, 1, "100001", "100002")
		expect(t, "first caller", l.toDay(6).press("1"), "",
			"Your table for 6 is booked for today.", "Your booking reference is 1 0 0 0 0 1. (x2)", "hangup")
		c := l.toDay(2)
		expect(t, "second caller, today", c.press("1"), "day|party=2", "Sorry, we are fully booked today.", dayAsk)
		expect(t, "second caller, tomorrow", c.press("2"), "",
			"Your table for 2 is booked for tomorrow.", "Your booking reference is 1 0 0 0 0 2. (x2)", "hangup")
	})
}

func TestHearABooking(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, where string) {
		l := newLine(t, where, 10, "314159")
		l.toDay(4).press("2")
		c, _ := l.dial()
		expect(t, "main 2", c.press("2"), "reference", refAsk)
		expect(t, "five digits", c.press("31415#"), "reference", notARef, refAsk)
		expect(t, "the reference", c.press("314159"), "",
			"Booking 3 1 4 1 5 9 is a table for 4 on Sunday 15 March. We look forward to seeing you.", "hangup")
		c, _ = l.dial()
		c.press("2")
		expect(t, "an unknown reference", c.press("271828"), "main",
			"We have no booking with the reference 2 7 1 8 2 8.", mainMenu)
	})
}

func TestSilenceAndStaff(t *testing.T) {
	t.Parallel()
	l := newLine(t, testdb.SQLite(t), 10, "123456")
	c, _ := l.dial()
	expect(t, "main 0", c.press("0"), "transfer:staff", toStaff)
	c, _ = l.dial()
	expect(t, "main 7", c.press("7"), "main", "Sorry, that is not one of the options.", mainMenu)
	expect(t, "silence in main", c.press(""), "", goodbyeText, "hangup")
	c, _ = l.dial()
	c.press("1")
	expect(t, "silence in party", c.press(""), "", goodbyeText, "hangup")
	expect(t, "silence in day", l.toDay(2).press(""), "", goodbyeText, "hangup")
}

func TestWebhooksNeedAuth(t *testing.T) {
	t.Parallel()
	l := newLine(t, testdb.SQLite(t), 10, "123456")
	first := []byte(`{"namespace":"VOICE","eventType":"CALL_ACTION","payload":{"callId":"c1","sessionId":"s1","callStatus":"CALL_RECEIVED"}}`)
	for _, auth := range []string{"", "Bearer wrong"} {
		if status, body := l.post(first, auth); status != http.StatusUnauthorized {
			t.Errorf("Authorization %q: %d %s, want 401", auth, status, body)
		}
	}
}

// The database is busy: another connection holds the write lock (a long
// migration, a backup) for longer than hook book's 3s. The caller hears
// the error branch and goes to the staff, and the late booking does not
// happen.
func TestDatabaseBusy(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, where string) {
		l := newLine(t, where, 10, "555555")
		other, err := bookings.Open(context.Background(), where, bookings.Config{})
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		release, err := other.Lock(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		c := l.toDay(4)
		start := time.Now()
		r := c.press("1")
		took := time.Since(start)
		expect(t, "today, the database locked", r, "transfer:staff", cannotBook, toStaff)
		if took < 3*time.Second || took > 5*time.Second {
			t.Errorf("the answer took %v, want the hook's 3s", took)
		}
		logs := l.webhookLogs()
		hook := hookLog(logs[len(logs)-1], "book")
		// The error is the runtime's, or the driver's own when it gave up
		// at the deadline just before the runtime did.
		if msg, _ := hook["error"].(string); hook["outcome"] != "" || !lateHook.MatchString(msg) {
			t.Errorf("log of the late hook: %v, want no outcome, and an error matching %s", hook, lateHook)
		}
		if err := release(); err != nil {
			t.Fatal(err)
		}
		if n, err := l.store.TablesBooked(context.Background(), bookings.DateOf(saturdayEvening)); n != 0 || err != nil {
			t.Errorf("TablesBooked = %d, %v once the lock is gone; want 0: the late booking was rolled back", n, err)
		}
		expect(t, "the next caller", l.toDay(2).press("1"), "",
			"Your table for 2 is booked for today.", "Your booking reference is 5 5 5 5 5 5. (x2)", "hangup")
	})
}
