// Package generator is klartext's library. This file is the map; the code
// lives in the packages below, one concern each.
package generator
