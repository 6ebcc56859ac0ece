package publish

import "testing"

func TestSVGSize(t *testing.T) {
	for _, tc := range []struct {
		svg  string
		w, h int
		ok   bool
	}{
		{`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"/>`, 120, 40, true},
		{`<svg width="120px" height="40.4px" viewBox="0 0 12 4"/>`, 120, 40, true},
		{`<?xml version="1.0"?><!-- logo --><svg viewBox="0,0,300,100"/>`, 300, 100, true},
		{`<svg width="100%" height="100%" viewBox="0 0 30 10"/>`, 30, 10, true}, // relative sizes: the viewBox's
		{`<svg width="10em" height="3em"/>`, 0, 0, false},
		{`<svg/>`, 0, 0, false},
		{`<html><svg viewBox="0 0 1 1"/></html>`, 0, 0, false},
		{`not xml`, 0, 0, false},
	} {
		w, h, ok := svgSize([]byte(tc.svg))
		if w != tc.w || h != tc.h || ok != tc.ok {
			t.Errorf("%s: %d×%d %v, want %d×%d %v", tc.svg, w, h, ok, tc.w, tc.h, tc.ok)
		}
	}
}
