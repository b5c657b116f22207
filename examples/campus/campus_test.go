package campus

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/ivrgen/ivrgen/internal/callflowcheck"
	"github.com/ivrgen/ivrgen/internal/flowtest"
	ivrruntime "github.com/ivrgen/ivrgen/runtime"
)

const (
	virtualNumber  = "+6531591234"
	operatorNumber = "+6565550000"
	helpdeskNumber = "+6565550102"
	securityNumber = "+6565550100" // written in campus.ivr
	caller         = "+6591234567"
)

// The prompts of campus.ivr.
const (
	mainPrompt          = "Welcome to Northfield University. For admissions press 1, students 2, staff 3, library 4, sports 5, events 6, alumni 7, media 8, directions 9. For the operator press 0, for campus security press star, to hear this again press hash."
	admissionsPrompt    = "Admissions. For undergraduate press 1, postgraduate 2, international 3. To go back press star."
	internationalPrompt = "International admissions. For visas press 1, for English tests press 2. To go back press star."
	visasPrompt         = "Visas. For student visas press 1, for dependants press 2."
	documentsPrompt     = "To hear the document list press 1, to have it sent to you press 2."
	confirmPrompt       = "Press 1 to confirm that we should send the list to the number you are calling from, or 2 to cancel."
	studentsPrompt      = "Students. Enter your four-digit course code, or 0 for the student office."
	staffPrompt         = "Staff. Dial a three-digit extension followed by hash, or press 9 for IT."
)

// The handlers' texts.
const (
	sorry         = "Sorry, that key is not on this menu."
	noChoice      = "No choice was made. Goodbye."
	cancelled     = "Cancelled."
	unknownCourse = "We do not know that course code."
)

// obj is a JSON object as encoding/json decodes it into an any.
type obj = map[string]any

// The callflows these tests expect, written from campus.ivr and 8x8's
// field names rather than from the runtime's types.

func reply(clientActionID string, actions ...obj) obj {
	flow := make([]any, len(actions))
	for i, a := range actions {
		flow[i] = a
	}
	r := obj{"callflow": flow}
	if clientActionID != "" {
		r["clientActionId"] = clientActionID
	}
	return r
}

// capture is a menu's sayAndCapture: the file's voice, speed 1.1,
// digit-timeout 3s, timeout 8s and tries 2, unless the menu says otherwise.
func capture(prompt string, minDigits, maxDigits int, completeOnHash bool, tries int) obj {
	return obj{"action": "sayAndCapture", "params": obj{
		"promptMessage":  prompt,
		"voiceProfile":   "en-US-ZiraRUS",
		"speed":          1.1,
		"minDigits":      float64(minDigits),
		"maxDigits":      float64(maxDigits),
		"digitTimeout":   3000.0,
		"overallTimeout": 8000.0,
		"completeOnHash": completeOnHash,
		"noOfTries":      float64(tries),
	}}
}

// The menus' captures.
var (
	mainCapture          = capture(mainPrompt, 1, 1, false, 2) // complete-on-hash no
	admissionsCapture    = capture(admissionsPrompt, 1, 1, true, 2)
	internationalCapture = capture(internationalPrompt, 1, 1, true, 2)
	visasCapture         = capture(visasPrompt, 1, 1, true, 2)
	documentsCapture     = capture(documentsPrompt, 1, 1, true, 2)
	confirmCapture       = capture(confirmPrompt, 1, 1, true, 1)  // tries 1
	studentsCapture      = capture(studentsPrompt, 1, 4, true, 2) // digits 1..4
	staffCapture         = capture(staffPrompt, 1, 3, true, 2)    // digits 1..3
)

func say(text string) obj {
	return obj{"action": "say", "params": obj{"text": text, "voiceProfile": "en-US-ZiraRUS", "speed": 1.1}}
}

func hangup() obj { return obj{"action": "hangup"} }

func transfer(name, destination string) obj {
	return reply("transfer:"+name, obj{"action": "makeCall", "params": obj{"source": virtualNumber, "destination": destination}})
}

// The replies of campus.ivr.
var (
	wantMain          = reply("main", mainCapture)
	wantAdmissions    = reply("admissions", admissionsCapture)
	wantInternational = reply("international", internationalCapture)
	wantVisas         = reply("visas", visasCapture)
	wantDocuments     = reply("visa_documents", documentsCapture)
	wantConfirm       = reply("visa_confirm", confirmCapture)
	wantStudents      = reply("students", studentsCapture)
	wantStaff         = reply("staff", staffCapture)

	wantOperator = transfer("operator", operatorNumber)
	wantHelpdesk = transfer("helpdesk", helpdeskNumber)
	wantSecurity = transfer("security", securityNumber)

	wantInvalid     = reply("main", say(sorry), mainCapture)                 // the file's on invalid
	wantSilence     = reply("", say(noChoice), hangup())                     // the file's on silence
	wantCancelled   = reply("main", say(cancelled), mainCapture)             // visa_confirm's on silence
	wantUnknownCode = reply("students", say(unknownCourse), studentsCapture) // students' on invalid
)

// expectBody checks body against 8x8's rules, then against want, exactly.
func expectBody(t *testing.T, body []byte, want obj) {
	t.Helper()
	if err := callflowcheck.CheckReply(body); err != nil {
		t.Errorf("8x8 would refuse the reply: %v\n%s", err, body)
	}
	var got any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("reply is not JSON: %v\n%s", err, body)
	}
	if m, ok := got.(map[string]any); ok {
		if id, ok := m["clientActionId"].(string); ok {
			m["clientActionId"] = flowtest.PlaceOf(t, id)
		}
	}
	if !reflect.DeepEqual(got, any(want)) {
		wantJSON, _ := json.Marshal(want)
		t.Errorf("reply =\n%s\nwant\n%s", body, wantJSON)
	}
}

func numbers() Numbers {
	return Numbers{
		VirtualNumber: ivrruntime.MustNumber(virtualNumber),
		Operator:      ivrruntime.MustNumber(operatorNumber),
		Helpdesk:      ivrruntime.MustNumber(helpdeskNumber),
	}
}

func newFlow(t *testing.T) *Flow {
	t.Helper()
	f, err := New(numbers())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

type answerTest struct {
	name, menu, digits string
	want               obj
}

// answer asks the flow, as the webhook handler does, for the reply to
// digits in the menu the clientActionId id names. warning is what the
// handler would log: "" when the flow knew the menu.
func answer(f *Flow, id, digits string) (r ivrruntime.Reply, warning string) {
	t := ivrruntime.NewTurn(context.Background(), nil, id, digits)
	r = f.Answer(t)
	return r, t.Warning()
}

func runAnswers(t *testing.T, f *Flow, tests []answerTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.menu+"/"+tt.name, func(t *testing.T) {
			r, warn := answer(f, tt.menu, tt.digits)
			if warn != "" {
				t.Fatalf("Answer(%q): %s", tt.menu, warn)
			}
			expectBody(t, r.Body(), tt.want)
		})
	}
}

// TestMainMenu presses every one of the main menu's twelve keys, and
// nothing.
func TestMainMenu(t *testing.T) {
	runAnswers(t, newFlow(t), []answerTest{
		{"1 admissions", "main", "1", wantAdmissions},
		{"2 students", "main", "2", wantStudents},
		{"3 staff", "main", "3", wantStaff},
		{"4 library, then main again", "main", "4", reply("main", say("The library is open from 8AM to midnight."), mainCapture)},
		{"5 plays the fixtures", "main", "5", reply("",
			obj{"action": "playFile", "params": obj{"fileUrl": "https://media.example.edu/ivr/sports-fixtures.mp3"}},
			hangup())},
		{"6 events, said twice", "main", "6", reply("",
			obj{"action": "say", "params": obj{"text": "Events are listed at northfield dot edu slash events.", "voiceProfile": "en-US-ZiraRUS", "speed": 1.1, "repetition": 2.0}},
			hangup())},
		{"7 alumni", "main", "7", reply("", say("Alumni relations will call you back."), hangup())},
		{"8 media goes to the operator", "main", "8", wantOperator},
		{"9 directions at speed 0.9", "main", "9", reply("main",
			obj{"action": "say", "params": obj{"text": "We are at 1 College Road, next to the central station.", "voiceProfile": "en-US-ZiraRUS", "speed": 0.9}},
			mainCapture)},
		{"0 operator", "main", "0", wantOperator},
		{"star security", "main", "*", wantSecurity},
		{"hash hears the menu again", "main", "#", wantMain},
		{"silence", "main", "", wantSilence},
	})
}

// TestStarAndHash checks that * and # are keys of the main menu, which
// does not complete on hash, while in the other menus a trailing # only
// ends the input.
func TestStarAndHash(t *testing.T) {
	f := newFlow(t)
	var start struct {
		Callflow []struct {
			Params struct {
				CompleteOnHash *bool `json:"completeOnHash"`
			} `json:"params"`
		} `json:"callflow"`
	}
	if err := json.Unmarshal(f.Start(ivrruntime.NewTurn(context.Background(), nil, "", "")).Body(), &start); err != nil {
		t.Fatal(err)
	}
	if c := start.Callflow[0].Params.CompleteOnHash; c == nil || *c {
		t.Errorf("main menu completeOnHash = %v, want an explicit false so that 8x8 reports # as a key", c)
	}
	hash, _ := answer(f, "main", "#")
	if !bytes.Equal(hash.Body(), f.Start(ivrruntime.NewTurn(context.Background(), nil, "", "")).Body()) {
		t.Errorf("# in the main menu = %s, want the start menu again: %s", hash.Body(), f.Start(ivrruntime.NewTurn(context.Background(), nil, "", "")).Body())
	}
	runAnswers(t, f, []answerTest{
		{"star calls security", "main", "*", wantSecurity},
		{"star goes back to main", "admissions", "*", wantMain},
		{"star goes back to admissions", "international", "*", wantAdmissions},
		{"trailing hash ends the input", "admissions", "3#", wantInternational},
		{"star then hash", "international", "*#", wantAdmissions},
		{"star is no key here", "visas", "*", wantInvalid},
	})
}

// TestExtensions dials the multi-digit keys of the students (digits 1..4)
// and staff (digits 1..3) menus.
func TestExtensions(t *testing.T) {
	runAnswers(t, newFlow(t), []answerTest{
		{"101 operator", "staff", "101", wantOperator},
		{"102 helpdesk", "staff", "102", wantHelpdesk},
		{"102 followed by hash", "staff", "102#", wantHelpdesk},
		{"9 for IT, then staff again", "staff", "9", reply("staff", say("IT support is at extension 102."), staffCapture)},
		{"9 followed by hash", "staff", "9#", reply("staff", say("IT support is at extension 102."), staffCapture)},
		{"a prefix of 101", "staff", "10", wantInvalid},
		{"unknown extension", "staff", "103", wantInvalid},
		{"1010 computer science", "students", "1010", reply("", say("Computer Science 1010: lectures are on Mondays."), hangup())},
		{"2020 mathematics", "students", "2020", reply("", say("Mathematics 2020: lectures are on Tuesdays."), hangup())},
		{"2020 followed by hash", "students", "2020#", reply("", say("Mathematics 2020: lectures are on Tuesdays."), hangup())},
		{"0 student office", "students", "0", wantHelpdesk},
		{"unknown code", "students", "9999", wantUnknownCode},
		{"a prefix of 1010", "students", "101", wantUnknownCode},
		{"leading zero", "students", "0101", wantUnknownCode},
	})
}

// TestPerMenuHandlers checks that a menu's own on invalid and on silence
// win over the file's, and that the file's answer the other menus.
func TestPerMenuHandlers(t *testing.T) {
	runAnswers(t, newFlow(t), []answerTest{
		// visa_confirm has its own on silence, but not its own on invalid.
		{"own silence", "visa_confirm", "", wantCancelled},
		{"file's invalid", "visa_confirm", "7", wantInvalid},
		{"2 cancels to main", "visa_confirm", "2", wantMain},
		// students has its own on invalid; silence is the file's on
		// silence, which an on silence anywhere wins over an on invalid.
		{"own invalid", "students", "1234", wantUnknownCode},
		{"the file's silence, not the menu's invalid", "students", "", wantSilence},
		// The others use the file's handlers.
		{"file's invalid", "admissions", "9", wantInvalid},
		{"file's invalid", "international", "3", wantInvalid},
		{"file's invalid", "visas", "0", wantInvalid},
		{"file's invalid", "visa_documents", "3", wantInvalid},
		{"file's invalid", "staff", "0", wantInvalid},
	})
}

// TestFileSilence checks that no input ends the call in every menu that has
// neither its own on silence nor its own on invalid.
func TestFileSilence(t *testing.T) {
	var tests []answerTest
	for _, menu := range []string{"main", "admissions", "international", "visas", "visa_documents", "staff"} {
		tests = append(tests, answerTest{"silence", menu, "", wantSilence})
	}
	runAnswers(t, newFlow(t), tests)
}

// TestDeepestPath walks the deepest path level by level through the
// webhook handler: the six nested menus from main to visa_confirm, then the
// answer at the bottom, each step sending back the clientActionId of the
// reply before, as 8x8 does.
func TestDeepestPath(t *testing.T) {
	h := ivrruntime.NewHandler(newFlow(t), ivrruntime.Options{Logger: slog.New(slog.DiscardHandler)})
	steps := []struct {
		dtmf *string // nil: the inbound call's first event
		want obj
	}{
		{nil, wantMain},
		{ptr("1"), wantAdmissions},
		{ptr("3"), wantInternational},
		{ptr("1"), wantVisas},
		{ptr("1"), wantDocuments},
		{ptr("2"), wantConfirm},
		{ptr("1"), reply("", say("Done. The list is on its way."), hangup())},
	}
	var clientActionID *string
	for i, step := range steps {
		body := post(t, h, clientActionID, step.dtmf)
		expectBody(t, body, step.want)
		var got struct {
			ClientActionID *string `json:"clientActionId"`
		}
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatal(err)
		}
		if i < len(steps)-1 && got.ClientActionID == nil {
			t.Fatalf("level %d: no clientActionId to go deeper with", i+1)
		}
		clientActionID = got.ClientActionID
	}
	if clientActionID != nil {
		t.Errorf("the last level has clientActionId %q, want none: the call ends", *clientActionID)
	}
}

// TestDeepestPathOtherEnds checks the other ends of the deepest levels: the
// document list said three times, and the dependants' answer.
func TestDeepestPathOtherEnds(t *testing.T) {
	runAnswers(t, newFlow(t), []answerTest{
		{"1 the list, said three times", "visa_documents", "1", reply("",
			obj{"action": "say", "params": obj{"text": "You need a passport, a confirmation letter and proof of funds.", "voiceProfile": "en-US-ZiraRUS", "speed": 1.1, "repetition": 3.0}},
			hangup())},
		{"2 dependants", "visas", "2", reply("", say("Dependants apply with the same confirmation letter."), hangup())},
		{"2 English tests", "international", "2", reply("", say("We accept IELTS and TOEFL."), hangup())},
		{"1 undergraduate, then admissions again", "admissions", "1", reply("admissions", say("Undergraduate applications open in October."), admissionsCapture)},
		{"2 postgraduate, then admissions again", "admissions", "2", reply("admissions", say("Postgraduate applications are open all year."), admissionsCapture)},
	})
}

func ptr(s string) *string { return &s }

// post sends a CALL_ACTION as 8x8 sends it on an inbound call and returns
// the 200 answer's body. clientActionID is left out when nil; with no dtmf
// either, the event is the call's first (CALL_RECEIVED).
func post(t *testing.T, h http.Handler, clientActionID, dtmf *string) []byte {
	t.Helper()
	status := "ACTION_COMPLETED"
	if clientActionID == nil && dtmf == nil {
		status = "CALL_RECEIVED"
	}
	payload := obj{
		"eventId":                "e2078079-eae8-11f0-ae64-a500004e488e",
		"callId":                 "e1ff6a14-eae8-11f0-baa6-c93abb37794a",
		"sessionId":              "e1ff6a15-eae8-11f0-baa6-c147150ab00e",
		"subAccountId":           "northfield-1",
		"callStatus":             status,
		"callDirection":          "INBOUND",
		"callType":               "PSTN",
		"source":                 caller,
		"destination":            virtualNumber,
		"sourceFormat":           "MSISDN",
		"destinationFormat":      "MSISDN",
		"sourceCountryCode":      "SG",
		"destinationCountryCode": "SG",
		"callDuration":           12,
		"sipCode":                200,
		"timestamp":              "2026-01-06T10:17:31.375Z",
		"eventData":              obj{"dtmf": dtmf},
	}
	if clientActionID != nil {
		payload["clientActionId"] = *clientActionID
	}
	body, err := json.Marshal(obj{
		"namespace":   "VOICE",
		"eventType":   "CALL_ACTION",
		"description": "Action completed on a call",
		"payload":     payload,
	})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/webhooks", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	return rec.Body.Bytes()
}

// TestWebhooks sends the webhooks of the main menu's special keys, of
// silence, of a removed menu and of a finished transfer through the handler.
func TestWebhooks(t *testing.T) {
	h := ivrruntime.NewHandler(newFlow(t), ivrruntime.Options{Logger: slog.New(slog.DiscardHandler)})
	tests := []struct {
		name                 string
		clientActionID, dtmf *string
		want                 obj
	}{
		{"star", ptr("main"), ptr("*"), wantSecurity},
		{"hash", ptr("main"), ptr("#"), wantMain},
		{"extension with hash", ptr("staff"), ptr("101#"), wantOperator},
		{"file's silence", ptr("main"), nil, wantSilence},
		{"visa_confirm's silence", ptr("visa_confirm"), nil, wantCancelled},
		{"students' silence", ptr("students"), nil, wantSilence},
		{"a menu a redeploy removed", ptr("library"), ptr("1"), wantMain},
		{"after a transfer to security", ptr("transfer:security"), nil, reply("", hangup())},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expectBody(t, post(t, h, tt.clientActionID, tt.dtmf), tt.want)
		})
	}
}

// TestSecurityIsLiteral checks that the security number comes from the
// file, whatever the environment says, while operator and helpdesk come
// from the environment.
func TestSecurityIsLiteral(t *testing.T) {
	env := map[string]string{
		"IVR_VIRTUAL_NUMBER":  "+6531590000",
		"IVR_OPERATOR_NUMBER": "+6561110000",
		"IVR_HELPDESK_NUMBER": "+6562220000",
		"IVR_SECURITY_NUMBER": "+6563330000", // not read
	}
	n, err := NumbersFromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	f, err := New(n)
	if err != nil {
		t.Fatal(err)
	}
	from := func(name, destination string) obj {
		return reply("transfer:"+name, obj{"action": "makeCall", "params": obj{"source": "+6531590000", "destination": destination}})
	}
	runAnswers(t, f, []answerTest{
		{"security from the file", "main", "*", from("security", securityNumber)},
		{"operator from the environment", "main", "0", from("operator", "+6561110000")},
		{"helpdesk from the environment", "students", "0", from("helpdesk", "+6562220000")},
	})
	var vars []string
	for _, v := range App.Env {
		vars = append(vars, v.Name)
	}
	if want := []string{"IVR_VIRTUAL_NUMBER", "IVR_OPERATOR_NUMBER", "IVR_HELPDESK_NUMBER"}; !reflect.DeepEqual(vars, want) {
		t.Errorf("App.Env = %q, want %q: security is no variable", vars, want)
	}
}

func TestMenus(t *testing.T) {
	f := newFlow(t)
	menus := []struct {
		menu Menu
		name string
		want obj
	}{
		{MenuMain, "main", wantMain},
		{MenuAdmissions, "admissions", wantAdmissions},
		{MenuInternational, "international", wantInternational},
		{MenuVisas, "visas", wantVisas},
		{MenuVisaDocuments, "visa_documents", wantDocuments},
		{MenuVisaConfirm, "visa_confirm", wantConfirm},
		{MenuStudents, "students", wantStudents},
		{MenuStaff, "staff", wantStaff},
	}
	for _, m := range menus {
		if m.menu.String() != m.name {
			t.Errorf("%d.String() = %q, want %q", int(m.menu), m.menu.String(), m.name)
		}
		if got, ok := ParseMenu(m.name); !ok || got != m.menu {
			t.Errorf("ParseMenu(%q) = %v, %v", m.name, got, ok)
		}
		expectBody(t, f.enter[m.menu].Body(), m.want)
	}
	expectBody(t, f.Start(ivrruntime.NewTurn(context.Background(), nil, "", "")).Body(), wantMain)
	// A capture without clientActionId belongs to the start menu, main.
	if r, warn := answer(f, "", "*"); warn != "" {
		t.Errorf(`Answer("", "*"): %s`, warn)
	} else {
		expectBody(t, r.Body(), wantSecurity)
	}
	if r, warn := answer(f, "library", "1"); warn == "" || !bytes.Equal(r.Body(), f.Start(ivrruntime.NewTurn(context.Background(), nil, "", "")).Body()) {
		t.Errorf(`Answer("library") = %s with no warning: campus has no menu library`, r.Body())
	}
	if c, _ := f.StartCapture(); c.PromptMessage != mainPrompt || c.CompleteOnHash || c.NoOfTries != 2 || c.DigitTimeout != 3000 || c.OverallTimeout != 8000 {
		t.Errorf("StartCapture() = %+v, want the main menu's capture", c)
	}
}

func TestNumbers(t *testing.T) {
	if _, err := New(Numbers{}); err == nil || err.Error() != "campus: numbers not set: VirtualNumber, Operator, Helpdesk" {
		t.Errorf("New(Numbers{}) error = %v, want one naming the three numbers", err)
	}
	env := map[string]string{"IVR_VIRTUAL_NUMBER": virtualNumber, "IVR_OPERATOR_NUMBER": operatorNumber}
	_, err := NumbersFromEnv(func(k string) string { return env[k] })
	if err == nil || err.Error() != "IVR_HELPDESK_NUMBER is not set" {
		t.Errorf("NumbersFromEnv error = %v, want IVR_HELPDESK_NUMBER is not set", err)
	}
	env["IVR_HELPDESK_NUMBER"] = "+06565550102"
	_, err = NumbersFromEnv(func(k string) string { return env[k] })
	if err == nil || !strings.HasPrefix(err.Error(), "IVR_HELPDESK_NUMBER: ") || !strings.Contains(err.Error(), "E.164") {
		t.Errorf("NumbersFromEnv error = %v, want IVR_HELPDESK_NUMBER named as not E.164", err)
	}
}
