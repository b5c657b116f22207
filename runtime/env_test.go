package runtime

import (
	"errors"
	"strings"
	"testing"
)

func TestEnvNumber(t *testing.T) {
	env := map[string]string{"IVR_STAFF_NUMBER": "12", "IVR_DESK_NUMBER": "+6561234567"}
	getenv := func(k string) string { return env[k] }
	if n, err := EnvNumber(getenv, "IVR_DESK_NUMBER"); err != nil || n.String() != "+6561234567" {
		t.Errorf("EnvNumber = %v, %v", n, err)
	}
	if _, err := EnvNumber(getenv, "IVR_NONE"); err == nil || err.Error() != "IVR_NONE is not set" {
		t.Errorf("unset: %v", err)
	}
	if _, err := EnvNumber(getenv, "IVR_STAFF_NUMBER"); err == nil || !strings.HasPrefix(err.Error(), `IVR_STAFF_NUMBER: "12" is not an E.164 number (`) {
		t.Errorf("invalid: %v", err)
	}
}

func TestEnvClient(t *testing.T) {
	c, errs := envClient(func(k string) string { return map[string]string{EnvAPIKey: "k", EnvSubAccountID: "acme_co-1.&"}[k] })
	if len(errs) != 0 || c.BaseURL != DefaultAPIBaseURL || c.APIKey != "k" {
		t.Errorf("envClient = %+v, %v", c, errs)
	}
	_, errs = envClient(func(k string) string {
		return map[string]string{EnvSubAccountID: "a/b", EnvAPIBaseURL: "voice.8x8.com"}[k]
	})
	msg := errors.Join(errs...).Error()
	for _, want := range []string{EnvAPIKey + " is not set", EnvSubAccountID + `: "a/b" is not a sub-account id`, EnvAPIBaseURL + `: "voice.8x8.com" is not an http(s) URL`} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors %q lack %q", msg, want)
		}
	}
}
