package runtime

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// DrainTimeout bounds how long Serve waits for requests in flight to finish
// once asked to stop.
const DrainTimeout = 20 * time.Second

// Serve listens on addr (port 0 picks a free port), logs the bound address
// as "listening" with attr addr, and serves h until ctx is done; then it
// drains requests in flight, logs "stopped" and returns nil. Requests still
// running after DrainTimeout are cut off, and Serve returns an error.
func Serve(ctx context.Context, addr string, h http.Handler, log *slog.Logger) error {
	return ServeTLS(ctx, addr, nil, h, log)
}

// ServeTLS is Serve over TLS with cfg (from TLSConfig); a nil cfg serves
// plain HTTP.
func ServeTLS(ctx context.Context, addr string, cfg *tls.Config, h http.Handler, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	scheme := "http"
	if cfg != nil {
		ln, scheme = tls.NewListener(ln, cfg), "https"
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("listening", "addr", ln.Addr().String(), "scheme", scheme)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	log.Info("stopping: draining requests in flight", "timeout", DrainTimeout.String())
	drain, cancel := context.WithTimeout(context.Background(), DrainTimeout)
	defer cancel()
	if err := srv.Shutdown(drain); err != nil {
		srv.Close()
		<-served
		return fmt.Errorf("draining requests in flight: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// The variables that make a built server serve TLS itself.
const (
	EnvTLSCert = "IVR_TLS_CERT" // a PEM certificate chain file
	EnvTLSKey  = "IVR_TLS_KEY"  // its PEM private key file
)

// TLSConfig loads a certificate and its key for ServeTLS, with modern
// defaults: TLS 1.2 at least (Go picks the cipher suites and curves, all
// with forward secrecy), HTTP/2 offered. Its error names the files.
func TLSConfig(certFile, keyFile string) (*tls.Config, error) {
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("%s=%s, %s=%s: %w", EnvTLSCert, certFile, EnvTLSKey, keyFile, err)
	}
	return &tls.Config{
		Certificates: []tls.Certificate{cert},
		MinVersion:   tls.VersionTLS12,
		NextProtos:   []string{"h2", "http/1.1"},
	}, nil
}
