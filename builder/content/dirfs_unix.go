//go:build unix

package content

import (
	"io/fs"
	"os"
	"strings"
	"syscall"
)

// localPath reports whether a valid fs path names a file inside the
// folder; on Unix every valid path does.
func localPath(string) bool { return true }

// readFile is os.ReadFile without an *os.File: that registers each file
// with the runtime's network poller and asks for its flags, work a whole
// read of a regular file does not need. It is open, fstat, read until end
// of file, close: half of os.ReadFile's time on small files.
func readFile(name string) ([]byte, error) {
	// Without O_NONBLOCK, opening a named pipe waits for a writer, for
	// ever; with it, the pipe opens and is refused below.
	fd, err := openFile(name, syscall.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := retry(func() error { return syscall.Fstat(fd, &st) }); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&syscall.S_IFMT == syscall.S_IFDIR {
		return nil, &fs.PathError{Op: "read", Path: name, Err: syscall.EISDIR}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrNotRegular}
	}
	if st.Size > MaxFileSize {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrTooLarge}
	}
	data := make([]byte, 0, max(int(st.Size)+1, 512))
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		var n int
		err := retry(func() (err error) {
			n, err = syscall.Read(fd, data[len(data):cap(data)])
			return err
		})
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return data, nil
		}
		data = data[:len(data)+n]
		if len(data) > MaxFileSize {
			return nil, &fs.PathError{Op: "read", Path: name, Err: ErrTooLarge}
		}
	}
}

// writeNewFile is os.WriteFile without an *os.File, for the same reason as
// readFile: open, write, close.
func WriteNewFile(name string, data []byte, perm os.FileMode) error {
	fd, err := openFile(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC, uint32(perm.Perm()))
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		var n int
		err := retry(func() (err error) {
			n, err = syscall.Write(fd, data)
			return err
		})
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

func openFile(name string, flag int, perm uint32) (int, error) {
	if strings.IndexByte(name, 0) >= 0 {
		return -1, syscall.EINVAL
	}
	var fd int
	err := retry(func() (err error) {
		fd, err = syscall.Open(name, flag|syscall.O_CLOEXEC, perm)
		return err
	})
	return fd, err
}

// retry calls f again while it is interrupted by a signal.
func retry(f func() error) error {
	for {
		if err := f(); err != syscall.EINTR {
			return err
		}
	}
}
