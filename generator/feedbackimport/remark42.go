package feedbackimport

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/klartext/klartext/generator/feedbackstore"
)

// remark42Comment is the part of remark42's store.Comment
// (backend/app/store/comment.go) klartext reads.
type remark42Comment struct {
	ID       string `json:"id"`
	ParentID string `json:"pid"`
	Text     string `json:"text"` // sanitised HTML
	Orig     string `json:"orig"` // what the reader typed (Markdown); older backups lack it
	User     struct {
		Name  string `json:"name"`
		Admin bool   `json:"admin"`
	} `json:"user"`
	Locator struct {
		URL string `json:"url"`
	} `json:"locator"`
	Time    time.Time `json:"time"`
	Deleted bool      `json:"delete"`
	Title   string    `json:"title"`
}

// maxRemark42Line bounds one comment's line of the backup.
const maxRemark42Line = 4 << 20

// Remark42 reads a remark42 backup (remark42's native export, gzipped as
// its backups are or plain): a first line with the site's metadata
// ({"version":1,...}), then one comment per line. Deleted comments are
// left out; a reply by an admin, or by bankAuthor, answers its thread.
func Remark42(r io.Reader, bankAuthor string) ([]feedbackstore.Imported, error) {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, err
		}
		defer gz.Close()
		br = bufio.NewReader(gz)
	}
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 64<<10), maxRemark42Line)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("the remark42 backup is empty")
	}
	var meta struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(sc.Bytes(), &meta); err != nil || meta.Version == nil {
		return nil, fmt.Errorf("line 1: not a remark42 backup (the first line must be its metadata, {\"version\":1,…})")
	}
	if *meta.Version != 1 && *meta.Version != 0 {
		return nil, fmt.Errorf("line 1: remark42 backup version %d is not known (1 is)", *meta.Version)
	}
	var cs []comment
	for line := 2; sc.Scan(); line++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var rc remark42Comment
		if err := json.Unmarshal(b, &rc); err != nil {
			return nil, fmt.Errorf("line %d: %v", line, err)
		}
		if rc.Deleted || rc.ID == "" {
			continue
		}
		text := rc.Orig
		if text == "" {
			text = plainText(rc.Text)
		}
		cs = append(cs, comment{id: rc.ID, parent: rc.ParentID, at: rc.Time.UTC(), text: text, author: rc.User.Name,
			page: rc.Locator.URL, title: rc.Title, bank: rc.User.Admin || (bankAuthor != "" && rc.User.Name == bankAuthor)})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return thread(feedbackstore.SourceRemark42, cs)
}

var (
	tagRE   = regexp.MustCompile(`<[^>]*>`)
	breakRE = regexp.MustCompile(`(?i)<br\s*/?>|</p>`)
)

// plainText is the text of remark42's sanitised HTML: tags dropped,
// paragraphs and breaks as line breaks, entities decoded.
func plainText(h string) string {
	h = breakRE.ReplaceAllString(h, "\n")
	return strings.TrimSpace(html.UnescapeString(tagRE.ReplaceAllString(h, "")))
}
