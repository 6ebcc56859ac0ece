// Package themes embeds the default theme, so the klartext binary builds a
// site that has no themes/ folder of its own.
package themes

import "embed"

// Default holds themes/klartext: layouts, partials, static files and
// translations.
//
//go:embed all:klartext
var Default embed.FS

// DefaultName is the default theme's folder name.
const DefaultName = "klartext"
