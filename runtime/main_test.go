package runtime

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

var testApp = App{
	Name: "demo", Source: "demo.ivr",
	Env: []EnvVar{{Name: "IVR_DESK_NUMBER", Doc: "number desk"}, {Name: EnvVirtualNumber, Doc: "caller id"}},
	Load: func(getenv func(string) string) (Flow, error) {
		var errs []error
		for _, v := range []string{"IVR_DESK_NUMBER", EnvVirtualNumber} {
			if _, err := EnvNumber(getenv, v); err != nil {
				errs = append(errs, err)
			}
		}
		return fakeFlow{}, errors.Join(errs...)
	},
}

func run(args []string, env map[string]string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), testApp, args, func(k string) string { return env[k] }, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestRunHelpListsEveryVariable(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"serve", "-h"}} {
		code, out, _ := run(args, nil)
		if code != 0 {
			t.Errorf("%v: exit %d", args, code)
		}
		for _, v := range []string{"IVR_DESK_NUMBER", EnvVirtualNumber, EnvWebhookAuth, EnvAPIKey, EnvSubAccountID, EnvAPIBaseURL} {
			if !strings.Contains(out, v) {
				t.Errorf("%v: help lacks %s", args, v)
			}
		}
		if strings.Count(out, EnvVirtualNumber) != 1 {
			t.Errorf("%v: %s listed twice", args, EnvVirtualNumber)
		}
	}
}

func TestRunUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"dance"}, {"serve", "--port", "1"}, {"serve", "extra"}, {"call", "--to", "12345"}} {
		if code, _, _ := run(args, nil); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func TestRunRefusesMissingVariables(t *testing.T) {
	code, _, stderr := run([]string{"serve", "--addr", "127.0.0.1:0"}, map[string]string{"IVR_DESK_NUMBER": "12"})
	if code != 1 || !strings.Contains(stderr, "IVR_DESK_NUMBER") || !strings.Contains(stderr, EnvVirtualNumber+" is not set") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = run([]string{"call", "--to", "+6591234567"}, map[string]string{EnvAPIBaseURL: "ftp://x"})
	for _, v := range []string{EnvAPIKey, EnvSubAccountID, EnvAPIBaseURL, EnvVirtualNumber, "IVR_DESK_NUMBER"} {
		if code != 1 || !strings.Contains(stderr, v) {
			t.Errorf("call: exit %d, stderr lacks %s: %q", code, v, stderr)
		}
	}
}
