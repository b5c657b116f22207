package runtime

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseSources(t *testing.T) {
	got, err := ParseSources("10.0.0.0/8, 192.168.1.7 8x8,2001:db8::/32,10.1.2.3/16")
	if err != nil {
		t.Fatal(err)
	}
	var s []string
	for _, p := range got {
		s = append(s, p.String())
	}
	want := "10.0.0.0/8 192.168.1.7/32 18.140.80.2/32 52.220.253.234/32 54.255.116.8/32 52.74.232.241/32 2001:db8::/32 10.1.0.0/16"
	if strings.Join(s, " ") != want {
		t.Errorf("ParseSources = %s\nwant %s", strings.Join(s, " "), want)
	}
	if got, err := ParseSources(""); err != nil || len(got) != 0 {
		t.Errorf("ParseSources(\"\") = %v, %v; want none", got, err)
	}
	_, err = ParseSources("10.0.0.0/33, 8x9, 1.2.3.4")
	if err == nil || err.Error() != `"10.0.0.0/33" is not a CIDR (10.0.0.0/8), an address or 8x8`+"\n"+`"8x9" is not a CIDR (10.0.0.0/8), an address or 8x8` {
		t.Errorf("error = %v", err)
	}
}

func prefixes(t *testing.T, v string) []netip.Prefix {
	t.Helper()
	p, err := ParseSources(v)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSources: who may post a webhook, by the peer's address or, behind a
// trusted proxy, by X-Forwarded-For read from the right.
func TestSources(t *testing.T) {
	s := sources{allow: prefixes(t, "8x8, 192.0.2.0/24"), proxies: prefixes(t, "10.0.0.0/8")}
	tests := []struct {
		name, remote, xff string
		status            int
	}{
		{"8x8 itself", "52.74.232.241:4431", "", 200},
		{"8x8 over IPv6-mapped IPv4", "[::ffff:52.74.232.241]:4431", "", 200},
		{"an allowed network", "192.0.2.9:1", "", 200},
		{"anyone else", "203.0.113.5:1", "", 403},
		{"X-Forwarded-For from an untrusted peer is ignored", "203.0.113.5:1", "52.74.232.241", 403},
		{"behind our proxy", "10.1.1.1:1", "52.74.232.241", 200},
		{"behind two of our proxies", "10.1.1.1:1", "52.74.232.241, 10.2.2.2", 200},
		{"a forged hop before the real one", "10.1.1.1:1", "52.74.232.241, 203.0.113.5", 403},
		{"an unreadable hop", "10.1.1.1:1", "not-an-ip", 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs strings.Builder
			h := NewHandler(fakeFlow{}, Options{Logger: slogTo(&logs), AllowFrom: s.allow, TrustedProxies: s.proxies})
			req := httptest.NewRequest(http.MethodPost, "/webhooks", strings.NewReader(callAction(`{"callId":"c1"}`)))
			req.RemoteAddr = tt.remote
			if tt.xff != "" {
				req.Header.Set("X-Forwarded-For", tt.xff)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Errorf("status %d %s, want %d", rec.Code, rec.Body, tt.status)
			}
			if tt.status == 403 && !strings.Contains(logs.String(), `"status":403`) || tt.status == 403 && !strings.Contains(logs.String(), EnvAllowFrom) {
				t.Errorf("a refused source is not logged with its reason:\n%s", logs.String())
			}
		})
	}
}

// selfSigned writes a certificate for 127.0.0.1 and its key, and returns
// their files and a pool that trusts it.
func selfSigned(t *testing.T) (cert, key string, pool *x509.CertPool) {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "ivrgen test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cert, key = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(key, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600)
	parsed, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(parsed)
	return cert, key, pool
}

// TestRunServeTLS: with IVR_TLS_CERT and IVR_TLS_KEY the server speaks
// HTTPS, TLS 1.2 at least, and refuses TLS 1.1.
func TestRunServeTLS(t *testing.T) {
	cert, key, pool := selfSigned(t)
	env := map[string]string{EnvTLSCert: cert, EnvTLSKey: key}
	for k, v := range goodEnv {
		env[k] = v
	}
	var stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	exit := make(chan int, 1)
	go func() {
		exit <- Run(ctx, testApp, []string{"--addr", "127.0.0.1:0"}, func(k string) string { return env[k] }, io.Discard, &stderr)
	}()
	addr := listeningAddr(t, &stderr)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := client.Post("https://"+addr+"/webhooks", "application/json", strings.NewReader(benchEvent))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.TLS == nil || resp.TLS.Version < tls.VersionTLS12 {
		t.Errorf("over TLS: %d %s, TLS %v", resp.StatusCode, body, resp.TLS)
	}
	old := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MaxVersion: tls.VersionTLS11}}}
	if _, err := old.Get("https://" + addr + "/healthz"); err == nil {
		t.Error("TLS 1.1 was accepted")
	}
	// a plain request to the TLS port gets Go's 400, never the flow
	if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("plain HTTP got %d, want 400", resp.StatusCode)
		}
	}
	cancel()
	if code := <-exit; code != 0 {
		t.Errorf("exit %d:\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), `"scheme":"https"`) {
		t.Errorf("the listening line does not say https:\n%s", stderr.String())
	}
}

// TestRunServeBadSettings: one of the TLS files alone, files that are not
// a certificate, and lists of sources that are not: every one is named,
// and the server does not start.
func TestRunServeBadSettings(t *testing.T) {
	env := map[string]string{EnvTLSCert: "/nonexistent/cert.pem", EnvAllowFrom: "8x8,10.0.0.0/99", EnvTrustedProxies: "proxy"}
	for k, v := range goodEnv {
		env[k] = v
	}
	code, _, stderr := run([]string{"serve", "--addr", "127.0.0.1:0"}, env)
	for _, want := range []string{
		`demo: IVR_ALLOW_FROM: "10.0.0.0/99" is not a CIDR (10.0.0.0/8), an address or 8x8`,
		`demo: IVR_TRUSTED_PROXIES: "proxy" is not a CIDR (10.0.0.0/8), an address or 8x8`,
		`demo: IVR_TLS_CERT and IVR_TLS_KEY go together: set both to serve TLS, or neither`,
	} {
		if !strings.Contains(stderr, want+"\n") {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	env[EnvTLSKey] = "/nonexistent/key.pem"
	delete(env, EnvAllowFrom)
	delete(env, EnvTrustedProxies)
	if code, _, stderr := run([]string{"serve", "--addr", "127.0.0.1:0"}, env); code != 1 || !strings.Contains(stderr, "IVR_TLS_CERT=/nonexistent/cert.pem, IVR_TLS_KEY=/nonexistent/key.pem: open /nonexistent/cert.pem") {
		t.Errorf("missing files: exit %d, %s", code, stderr)
	}
}

// slogTo is a JSON logger writing to w.
func slogTo(w io.Writer) *slog.Logger { return slog.New(slog.NewJSONHandler(w, nil)) }
