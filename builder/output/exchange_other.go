//go:build !linux

package output

// renameExchange would swap the paths a and b in one step; there is no
// portable call for it here, so Commit takes two renames.
func renameExchange(a, b string) error { return errNoExchange }
