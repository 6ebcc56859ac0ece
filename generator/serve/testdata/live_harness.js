// Runs live.js in node against a tiny fake DOM and EventSource, to check
// its decisions without a browser: overlay on error, gone on ok, stylesheet
// swap for CSS, reload only when the page concerns this page.
// Usage: node live_harness.js path/to/live.js
"use strict";
const fs = require("fs");
const vm = require("vm");
const assert = require("assert");

function makeEl(tag) {
  return {
    tagName: tag.toUpperCase(), attrs: {}, children: [], parentNode: null, style: "",
    id: "", textContent: "", href: "", onload: null, onerror: null,
    setAttribute(k, v) { this.attrs[k] = String(v); if (k === "id") this.id = v; },
    getAttribute(k) { return k in this.attrs ? this.attrs[k] : null; },
    appendChild(c) { c.parentNode = this; this.children.push(c); return c; },
    removeChild(c) { this.children = this.children.filter((x) => x !== c); c.parentNode = null; return c; },
    insertBefore(c, ref) {
      c.parentNode = this;
      const i = ref ? this.children.indexOf(ref) : -1;
      if (i < 0) this.children.push(c); else this.children.splice(i, 0, c);
      return c;
    },
    get nextSibling() {
      if (!this.parentNode) return null;
      const s = this.parentNode.children;
      return s[s.indexOf(this) + 1] || null;
    },
    cloneNode() {
      const c = makeEl(this.tagName);
      c.attrs = Object.assign({}, this.attrs);
      return c;
    },
  };
}

function text(el) {
  if (el.nodeText !== undefined) return el.nodeText;
  return (el.textContent || "") + el.children.map(text).join("");
}

function all(el, pred, out = []) {
  if (pred(el)) out.push(el);
  el.children.forEach((c) => all(c, pred, out));
  return out;
}

function run(pathname, status, opts) {
  opts = opts || {};
  const head = makeEl("head");
  const body = makeEl("body");
  const link = makeEl("link");
  link.setAttribute("rel", "stylesheet");
  link.setAttribute("href", "/css/site.css");
  head.appendChild(link);
  const script = makeEl("script");
  script.setAttribute("data-build", "abc-1");
  if (status) script.setAttribute("data-status", status);
  if (opts.dataLang) script.setAttribute("data-lang", opts.dataLang);
  const root = makeEl("html");
  if (opts.htmlLang) root.setAttribute("lang", opts.htmlLang);
  root.appendChild(head);
  root.appendChild(body);

  let source = null;
  let reloads = 0;
  const document = {
    currentScript: script, head, body, documentElement: root,
    createElement: makeEl,
    createTextNode: (s) => ({ nodeText: s, children: [] }),
    getElementById: (id) => all(root, (e) => e.id === id)[0] || null,
    querySelectorAll: (sel) => {
      assert.ok(sel.startsWith("link"), sel);
      return all(root, (e) => e.tagName === "LINK" && /stylesheet/.test(e.getAttribute("rel") || "") && e.getAttribute("href"));
    },
  };
  const location = { pathname, href: "http://127.0.0.1:1313" + pathname, origin: "http://127.0.0.1:1313", reload() { reloads++; } };
  class EventSource {
    constructor(url) { this.url = url; this.listeners = {}; source = this; }
    addEventListener(name, fn) { (this.listeners[name] = this.listeners[name] || []).push(fn); }
    close() { this.closed = true; }
    fire(name, data) { (this.listeners[name] || []).forEach((fn) => fn(data === undefined ? {} : { data: JSON.stringify(data) })); }
  }
  const window = { EventSource };
  const ctx = { window, document, location, EventSource, URL, JSON, String, Date, decodeURI };
  vm.createContext(ctx);
  vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), ctx);
  return { source, document, body, head, reloads: () => reloads };
}

// Page /about/ served from build abc-1.
let p = run("/about/");
assert.strictEqual(p.source.url, "/_klartext/events?build=abc-1");

// The overlay's stylesheet is a file (the site's CSP blocks inline
// styles), linked at once, and never swapped for a copy.
let css = p.head.children.filter((e) => e.tagName === "LINK" && e.getAttribute("href") === "/_klartext/live.css");
assert.strictEqual(css.length, 1, "live.css linked");

// Errors show an accessible overlay naming file and line.
p.source.fire("error", { diagnostics: [
  { severity: "error", file: "content/about.md", line: 7, message: "unknown key \"titel\"", hint: "did you mean \"title\"?" },
  { severity: "warning", file: "site.yaml", message: "<b>not html</b>" },
] });
let box = p.document.getElementById("klartext-build-errors");
assert.ok(box, "overlay shown");
assert.strictEqual(box.getAttribute("role"), "alert");
const t = text(box);
assert.ok(t.includes("content/about.md:7"), t);
assert.ok(t.includes("unknown key \"titel\""), t);
assert.ok(t.includes("did you mean"), t);
assert.ok(t.includes("<b>not html</b>"), "messages are text, not markup");
assert.ok(t.includes("Build failed (1 error)"), t);
assert.ok(t.includes("the page then reloads by itself"), t);
assert.ok(t.includes("warning: "), t);
assert.deepStrictEqual(all(box, (e) => !!e.attrs && ("style" in e.attrs || e.style !== "")), [], "no inline style: the CSP blocks it");
assert.strictEqual(box.getAttribute("lang"), "en");

// The browser's own connection error (no data) changes nothing.
p.source.fire("error");
assert.ok(p.document.getElementById("klartext-build-errors"));

// ok clears it.
p.source.fire("ok", {});
assert.strictEqual(p.document.getElementById("klartext-build-errors"), null);

// Another page changed: no reload. This page: reload.
p.source.fire("reload", { urls: ["/products/x/"], css: false, all: false });
assert.strictEqual(p.reloads(), 0);
p.source.fire("reload", { urls: ["/about/index.html"], css: false, all: false });
assert.strictEqual(p.reloads(), 1);

// An image changed: any page may show it.
p = run("/about/");
p.source.fire("reload", { urls: ["/img/logo.svg"], css: false, all: false });
assert.strictEqual(p.reloads(), 1);

// Only CSS: the stylesheet is swapped, the page stays.
p = run("/about/");
p.source.fire("reload", { urls: ["/css/site.css"], css: true, all: false });
assert.strictEqual(p.reloads(), 0);
const site = (e) => e.tagName === "LINK" && e.getAttribute("href") !== "/_klartext/live.css";
let links = p.head.children.filter(site);
assert.strictEqual(links.length, 2, "new link added next to the old one");
assert.match(links[1].href, /^\/css\/site\.css\?klartext-reload=\d+$/);
links[1].onload();
links = p.head.children.filter(site);
assert.strictEqual(links.length, 1, "old link removed once the new one loaded");
assert.strictEqual(p.head.children.filter((e) => e.tagName === "LINK").length, 2, "live.css is not swapped");

// The server says the page is stale.
p = run("/about/");
p.source.fire("reload", { urls: [], css: false, all: true });
assert.strictEqual(p.reloads(), 1);

// A page whose address has an umlaut: the server names it decoded.
p = run("/%C3%BCber-uns/");
p.source.fire("reload", { urls: ["/über-uns/"], css: false, all: false });
assert.strictEqual(p.reloads(), 1);

// On a German site the overlay's own words are German: from data-lang,
// which the server sets, else from the page's lang.
for (const o of [{ dataLang: "de" }, { htmlLang: "de-DE" }, { dataLang: "de", htmlLang: "en" }]) {
  p = run("/about/", undefined, o);
  p.source.fire("error", { diagnostics: [
    { severity: "error", file: "content/about.md", line: 7, message: "unknown key" },
    { severity: "error", file: "content/x.md", message: "two" },
    { severity: "warning", message: "w" },
  ] });
  box = p.document.getElementById("klartext-build-errors");
  const de = text(box);
  assert.ok(de.includes("Die Website konnte nicht gebaut werden (2 Fehler)"), JSON.stringify(o) + de);
  assert.ok(de.includes("Sie sehen die letzte fehlerfreie Fassung dieser Seite"), de);
  assert.ok(de.includes("Warnung: "), de);
  assert.ok(!de.includes("Build failed"), de);
  assert.strictEqual(box.getAttribute("lang"), "de");
  const button = all(box, (e) => e.tagName === "BUTTON")[0];
  assert.strictEqual(button.textContent, "Ausblenden");
  assert.strictEqual(button.getAttribute("aria-label"), "Build-Fehler ausblenden");
}
// --lang en on a German site: data-lang wins.
p = run("/about/", undefined, { dataLang: "en", htmlLang: "de" });
p.source.fire("error", { diagnostics: [{ severity: "error", message: "x" }] });
assert.ok(text(p.document.getElementById("klartext-build-errors")).includes("Build failed (1 error)"));

// On the 404 page any change reloads (the page may exist now).
p = run("/new/", "404");
p.source.fire("reload", { urls: ["/other/"], css: false, all: false });
assert.strictEqual(p.reloads(), 1);

console.log("live.js ok");
