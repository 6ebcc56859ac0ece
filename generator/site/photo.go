package site

import "html/template"

// Picture is an image as a layout shows it: the attributes of a
// <picture>'s <source> and <img>. Every URL has the base path.
type Picture struct {
	Src    string // the fallback file for browsers that ignore srcset
	Srcset string // the fallback files (JPEG or PNG) with their widths or densities
	WebP   string // the WebP files, for <source type="image/webp">; "" when there are none
	Type   string // the fallback's media type
	Sizes  string // how wide the image shows, for width descriptors; "" for densities
	Width  int
	Height int
}

// AdvisorPhoto is an advisor's photo at each place the theme shows it,
// and the HTML for it: a <picture> with the alt text (photo_alt), lazy on
// cards, at once on the profile, whose top it is. The images stage sets it
// (AdvisorInfo.Photo) once the photo's sizes are made, before pages
// render.
type AdvisorPhoto struct {
	Card        Picture // 96 px, on advisor cards
	Profile     Picture // 160 px, on the advisor's page
	CardHTML    template.HTML
	ProfileHTML template.HTML
}
