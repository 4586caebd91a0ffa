package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// renameExchange swaps the paths a and b in one step, with renameat2(2)
// and RENAME_EXCHANGE: both exist at every moment.
func renameExchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EINVAL), errors.Is(err, unix.EOPNOTSUPP):
		// A kernel before 3.15, or a file system that cannot exchange.
		return errNoExchange
	}
	return &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
}
