// Package feedbackimport reads the exports of the comment services klartext
// embeds, so that their comments count in the site's balance: Isso's SQLite
// database and remark42's backup file. (giscus and utterances keep their
// comments in GitHub Discussions and Issues, reached through GitHub's API,
// not a file; Cusdis documents no export. They are not read.)
//
// A comment arrives as kind comment: neither praise nor criticism until an
// editor classifies it (klartext feedback classify), since a reader's
// intent is not guessed. A reply written by the bank (remark42's admin
// flag, or the author name given as bankAuthor) becomes the answer of the
// comment it replies to; replies by readers are comments of their own.
// Names, e-mail and web addresses, IP addresses and votes are not read.
package feedbackimport

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/feedbackstore"

	_ "modernc.org/sqlite" // Isso's database is SQLite
)

// Isso's comment modes (isso/db/comments.py): 1 accepted, 2 waiting for
// moderation, 4 deleted.
const issoAccepted = 1

// Isso reads the comments Isso accepted from its database file, opened
// read-only. Isso's thread uri is the page's path (klartext's
// data-isso-id).
func Isso(ctx context.Context, path, bankAuthor string) ([]feedbackstore.Imported, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	u := url.URL{Scheme: "file", Opaque: (&url.URL{Path: path}).EscapedPath(), RawQuery: "mode=ro"}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT c.id, c.parent, c.created, c.text, COALESCE(c.author, ''), t.uri, COALESCE(t.title, '')
		FROM comments c JOIN threads t ON t.id = c.tid WHERE c.mode = ? ORDER BY c.id`, issoAccepted)
	if err != nil {
		return nil, fmt.Errorf("%s is not an Isso database: %w", path, err)
	}
	defer rows.Close()
	var cs []comment
	for rows.Next() {
		var c comment
		var id int64
		var parent sql.NullInt64
		var created float64
		if err := rows.Scan(&id, &parent, &created, &c.text, &c.author, &c.page, &c.title); err != nil {
			return nil, err
		}
		c.id = strconv.FormatInt(id, 10)
		if parent.Valid {
			c.parent = strconv.FormatInt(parent.Int64, 10)
		}
		sec, frac := math.Modf(created)
		c.at = time.Unix(int64(sec), int64(frac*1e9)).UTC()
		c.bank = bankAuthor != "" && c.author == bankAuthor
		cs = append(cs, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return thread(feedbackstore.SourceIsso, cs)
}

// comment is a comment of either service, as far as klartext reads it.
type comment struct {
	id, parent  string
	at          time.Time
	text        string
	author      string
	page, title string
	bank        bool // written by the bank
}

// thread turns comments into imports: the bank's replies become the
// answer (the latest, when there are several) of the top comment of their
// thread; every other comment is one message.
func thread(source string, cs []comment) ([]feedbackstore.Imported, error) {
	byID := map[string]*comment{}
	for i := range cs {
		byID[cs[i].id] = &cs[i]
	}
	root := func(c *comment) *comment {
		for seen := 0; c.parent != "" && seen < len(cs); seen++ {
			p := byID[c.parent]
			if p == nil {
				break
			}
			c = p
		}
		return c
	}
	var out []feedbackstore.Imported
	at := map[string]int{} // comment id → index in out
	var errs []string
	for i := range cs {
		c := &cs[i]
		if c.bank {
			continue
		}
		page, perr := feedback.CanonicalPath(c.page)
		if perr != "" {
			errs = append(errs, fmt.Sprintf("comment %s: page %q: %s", c.id, c.page, perr))
			continue
		}
		text := strings.TrimSpace(strings.ReplaceAll(c.text, "\r\n", "\n"))
		if text == "" {
			continue
		}
		at[c.id] = len(out)
		out = append(out, feedbackstore.Imported{Source: source, SourceID: c.id, Page: page, Title: c.title, Received: c.at, Comment: text})
	}
	replies := make([]*comment, 0)
	for i := range cs {
		if cs[i].bank && cs[i].parent != "" {
			replies = append(replies, &cs[i])
		}
	}
	sort.SliceStable(replies, func(a, b int) bool { return replies[a].at.Before(replies[b].at) })
	for _, r := range replies {
		top := root(r)
		i, ok := at[top.id]
		if !ok {
			continue // a reply to a comment that was not imported
		}
		out[i].Answer = strings.TrimSpace(strings.ReplaceAll(r.text, "\r\n", "\n"))
		out[i].Answered = r.at
	}
	if len(errs) > 0 {
		return out, errors.New(strings.Join(errs, "\n"))
	}
	return out, nil
}
