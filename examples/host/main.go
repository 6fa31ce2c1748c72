// Command host is a runnable Open Badges 3.0 / CLR 2.0 host: the REST API
// under /ims/ob/v3p0/ and /ims/clr/v2p0/, the OAuth 2.0 authorization
// server (dynamic client registration, authorization code with PKCE,
// token, refresh, revocation) and a minimal consent page.
//
//	go run ./examples/host [-addr HOST:PORT] [-db DSN] [-base URL]
//
// The database is an embedded SQLite file (host.db by default: nothing to
// set up) or, with a postgres:// DSN, PostgreSQL. It prints its base URL as
// the first line of standard output once it is ready to serve, and stops
// cleanly on SIGINT or SIGTERM.
//
// The consent page is api.UnsafeDemoConsent: it lets whoever opens it
// claim any user name. It is for trying the API, not for production.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/microcred/microcred/badge/api"
	"github.com/microcred/microcred/badge/api/store"
	"github.com/microcred/microcred/badge/api/store/postgres"
	"github.com/microcred/microcred/badge/api/store/sqlite"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("host", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address `HOST:PORT` (port 0 picks a free one)")
	dsn := fs.String("db", "host.db", "SQLite file, or a postgres:// `DSN`")
	base := fs.String("base", "", "public base `URL` when behind a proxy (default http://ADDR)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: host [-addr HOST:PORT] [-db DSN] [-base URL]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	if err := serve(ctx, *addr, *dsn, *base, stdout, log); err != nil {
		fmt.Fprintln(stderr, "host:", err)
		return 1
	}
	return 0
}

func openStore(ctx context.Context, dsn string) (store.Store, io.Closer, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		s, err := postgres.Open(ctx, dsn)
		return s, s, err
	}
	s, err := sqlite.Open(ctx, dsn)
	return s, s, err
}

func serve(ctx context.Context, addr, dsn, base string, stdout io.Writer, log *slog.Logger) error {
	st, closer, err := openStore(ctx, dsn)
	if err != nil {
		return err
	}
	defer closer.Close()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if base == "" {
		base = "http://" + ln.Addr().String()
	}
	srv, err := api.New(api.Config{
		Store:   st,
		BaseURL: strings.TrimSuffix(base, "/"),
		Consent: api.NewUnsafeDemoConsent(),
		Info:    api.ServiceInfo{Title: "microcred example host"},
		Logger:  log,
	})
	if err != nil {
		ln.Close()
		return err
	}
	mux := http.NewServeMux()
	srv.Register(mux)
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "microcred example host\n\nOpen Badges 3.0: %s%s/discovery\nCLR 2.0:         %s%s/discovery\n", base, api.PathOB, base, api.PathCLR)
	})
	hs := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	fmt.Fprintln(stdout, base)
	log.Info("serving", "base", base, "db", redact(dsn))
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	log.Info("stopping")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// redact drops a DSN's password before it is logged.
func redact(dsn string) string {
	if i := strings.Index(dsn, "://"); i >= 0 {
		if at := strings.LastIndex(dsn, "@"); at > i {
			return dsn[:i+3] + "…" + dsn[at:]
		}
	}
	return dsn
}
