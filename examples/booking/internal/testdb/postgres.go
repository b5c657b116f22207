package testdb

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// errNoPostgres says PostgreSQL is not installed; the tests on Postgres
// are skipped.
var errNoPostgres = errors.New("PostgreSQL is not installed (no initdb on PATH or under /usr/lib/postgresql/*/bin): apt-get install postgresql")

// postgresServer is a throwaway PostgreSQL cluster: a data directory in a
// temporary folder, listening on 127.0.0.1 only, trusting every local
// connection.
type postgresServer struct {
	dir    string // the temporary folder: data/, the socket, the log
	bin    string // the folder of initdb, pg_ctl and postgres
	port   int
	asUser string // the user the server runs as ("" for this process's)
}

// startPostgres runs initdb and pg_ctl start. Run as root, it runs them as
// the postgres user (initdb refuses root), in a folder that user owns.
func startPostgres() (*postgresServer, error) {
	bin, err := postgresBin()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "booking-pg-")
	if err != nil {
		return nil, err
	}
	s := &postgresServer{dir: dir, bin: bin}
	if os.Geteuid() == 0 {
		if err := s.handTo("postgres"); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	if s.port, err = freePort(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := s.pg("initdb", "--pgdata", s.data(), "--username", "booking", "--auth", "trust",
		"--encoding", "UTF8", "--no-locale", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	options := strings.Join([]string{
		"-p", strconv.Itoa(s.port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + dir,
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200",
	}, " ")
	if err := s.pg("pg_ctl", "start", "--pgdata", s.data(), "--wait", "--timeout", "60",
		"--log", filepath.Join(dir, "postgres.log"), "-o", options); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "postgres.log"))
		os.RemoveAll(dir)
		return nil, fmt.Errorf("%v\npostgres.log:\n%s", err, log)
	}
	return s, nil
}

// postgresBin finds initdb on PATH, or else in Debian's
// /usr/lib/postgresql/VERSION/bin (the newest).
func postgresBin() (string, error) {
	if path, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(path), nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, dir := range dirs {
		if _, err := os.Stat(filepath.Join(dir, "initdb")); err == nil {
			return dir, nil
		}
	}
	return "", errNoPostgres
}

// version is the VERSION of /usr/lib/postgresql/VERSION/bin.
func version(bin string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(bin)))
	return n
}

// handTo makes the server run as name, who gets the temporary folder.
func (s *postgresServer) handTo(name string) error {
	u, err := user.Lookup(name)
	if err != nil {
		return fmt.Errorf("running as root, PostgreSQL needs the %s user (initdb refuses root): %v", name, err)
	}
	if _, err := exec.LookPath("runuser"); err != nil {
		return fmt.Errorf("running as root, PostgreSQL needs runuser to run as %s: %v", name, err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(s.dir, uid, gid); err != nil {
		return err
	}
	s.asUser = name
	return nil
}

// pg runs one of PostgreSQL's programs, as s.asUser when set.
func (s *postgresServer) pg(program string, args ...string) error {
	name, argv := filepath.Join(s.bin, program), args
	if s.asUser != "" {
		name, argv = "runuser", append([]string{"-u", s.asUser, "--", name}, args...)
	}
	cmd := exec.Command(name, argv...)
	cmd.Dir = s.dir // a folder the user can enter
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %v\n%s", program, err, out.String())
	}
	return nil
}

func (s *postgresServer) data() string { return filepath.Join(s.dir, "data") }

// url is the URL of database name on the server.
func (s *postgresServer) url(name string) string {
	return fmt.Sprintf("postgres://booking@127.0.0.1:%d/%s?sslmode=disable", s.port, name)
}

// createDatabase creates an empty database and returns its URL.
func (s *postgresServer) createDatabase(name string) (string, error) {
	db, err := sql.Open("pgx", s.url("postgres"))
	if err != nil {
		return "", err
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE DATABASE ` + name); err != nil {
		return "", err
	}
	return s.url(name), nil
}

// stop stops the server at once (its data is thrown away) and removes the
// folder.
func (s *postgresServer) stop() error {
	err := s.pg("pg_ctl", "stop", "--pgdata", s.data(), "--mode", "immediate", "--wait")
	if rmErr := os.RemoveAll(s.dir); err == nil {
		err = rmErr
	}
	return err
}

// freePort is a TCP port free on 127.0.0.1 a moment ago.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
