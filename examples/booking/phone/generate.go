// Luigi's phone line: the flow of booking.ivr, which ivrgen generates into
// booking_ivr.go (with the package's doc comment), and StoreHooks, in
// hooks.go, which answers its hooks from the bookings database.

package phone

//go:generate go tool ivrgen generate booking.ivr
