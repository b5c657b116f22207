package runtime

import (
	"fmt"
	"net/url"
	"regexp"
)

// The server's own environment variables.
const (
	EnvVirtualNumber = "IVR_VIRTUAL_NUMBER" // caller id of every makeCall
	EnvWebhookAuth   = "IVR_WEBHOOK_AUTH"   // the Authorization header webhooks must carry
	EnvAPIKey        = "IVR_API_KEY"        // the Callflows API's bearer key
	EnvSubAccountID  = "IVR_SUBACCOUNT_ID"  // the 8x8 sub-account
	EnvAPIBaseURL    = "IVR_API_BASE_URL"   // default DefaultAPIBaseURL
	EnvStateKey      = "IVR_STATE_KEY"      // authenticates the values in clientActionIds
)

// DefaultAPIBaseURL is 8x8's Voice API.
const DefaultAPIBaseURL = "https://voice.8x8.com"

// serverEnv documents the server's own variables for --help.
var serverEnv = []EnvVar{
	{EnvVirtualNumber, "your 8x8 virtual number (E.164): caller id of every transfer and of call"},
	{EnvWebhookAuth, "optional: webhooks must carry this exact Authorization header (8x8's httpAuthHeader)"},
	{EnvAPIKey, "for call: the Callflows API key (sent as a bearer token)"},
	{EnvSubAccountID, "for call: your 8x8 sub-account id"},
	{EnvAPIBaseURL, "for call: the Voice API's base URL (default " + DefaultAPIBaseURL + ")"},
	{EnvStateKey, "optional: a secret that signs the values a call carries in its clientActionIds (the same for every replica)"},
	{EnvAllowFrom, "optional: the addresses webhooks may come from, CIDRs or 8x8 (its published addresses), comma-separated; others get 403"},
	{EnvTrustedProxies, "optional: the proxies (CIDRs) whose X-Forwarded-For gives the address a webhook came from"},
	{EnvTLSCert, "optional, with " + EnvTLSKey + ": serve HTTPS with this PEM certificate chain"},
	{EnvTLSKey, "optional, with " + EnvTLSCert + ": the certificate's PEM private key"},
}

// EnvNumber reads an E.164 number from the environment variable name. Its
// error names the variable.
func EnvNumber(getenv func(string) string, name string) (Number, error) {
	v := getenv(name)
	if v == "" {
		return Number{}, fmt.Errorf("%s is not set", name)
	}
	n, err := ParseNumber(v)
	if err != nil {
		return Number{}, fmt.Errorf("%s: %v", name, err)
	}
	return n, nil
}

// EnvURL reads an http(s) URL from the environment variable name, such as
// where a hook POSTs. Its error names the variable.
func EnvURL(getenv func(string) string, name string) (string, error) {
	v := getenv(name)
	if v == "" {
		return "", fmt.Errorf("%s is not set", name)
	}
	if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%s: not an http(s) URL", name)
	}
	return v, nil
}

// EnvSecret reads a secret, such as a hook's Authorization header, from the
// environment variable name; it must be set. Its error names the variable,
// never the value.
func EnvSecret(getenv func(string) string, name string) (string, error) {
	v := getenv(name)
	if v == "" {
		return "", fmt.Errorf("%s is not set", name)
	}
	return v, nil
}

var subAccountPattern = regexp.MustCompile(`^[A-Za-z0-9\-._&]{3,50}$`)

// envClient reads the Callflows API settings; its error names every
// variable that is missing or invalid.
func envClient(getenv func(string) string) (*Client, []error) {
	var errs []error
	c := &Client{APIKey: getenv(EnvAPIKey), SubAccountID: getenv(EnvSubAccountID), BaseURL: getenv(EnvAPIBaseURL)}
	if c.APIKey == "" {
		errs = append(errs, fmt.Errorf("%s is not set", EnvAPIKey))
	}
	switch {
	case c.SubAccountID == "":
		errs = append(errs, fmt.Errorf("%s is not set", EnvSubAccountID))
	case !subAccountPattern.MatchString(c.SubAccountID):
		errs = append(errs, fmt.Errorf("%s: %q is not a sub-account id (3 to 50 of A-Z a-z 0-9 - . _ &)", EnvSubAccountID, c.SubAccountID))
	}
	if c.BaseURL == "" {
		c.BaseURL = DefaultAPIBaseURL
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("%s: %q is not an http(s) URL", EnvAPIBaseURL, c.BaseURL))
	}
	return c, errs
}
