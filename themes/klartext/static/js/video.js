// video.js: turns a video placeholder into the player, only on click, and
// makes the chapter links of a video of the site's own seek its player.
//
// The page renders <figure class="video" data-video-embed="EmbedURL"
// data-video-title="Title"> with an <a class="video-link" href="WatchURL">.
// Without JavaScript that link simply opens the video on the host's site.
// With it, a click replaces the link with the embedded player; until then
// nothing is requested from the video host.
//
// A video of the site's own is <div data-video-player> with the browser's
// <video> and chapter links <a href="film.webm#t=42" data-video-seek="42">.
// Without JavaScript such a link opens the file at that time (a media
// fragment). With it, a click moves the player to that time, plays, and
// puts the focus on the player; the chapter playing is marked with
// aria-current.
//
// Load with <script src="/js/video.js" defer></script>; no inline script,
// so a strict Content-Security-Policy (script-src 'self') applies. The
// page's CSP needs frame-src for the player's origin.
(function () {
  "use strict";

  // Only these players are ever framed, whatever the attribute says.
  var allowed = ["https://www.youtube-nocookie.com/", "https://player.vimeo.com/"];

  function isAllowed(url) {
    for (var i = 0; i < allowed.length; i++) {
      if (url.indexOf(allowed[i]) === 0) {
        return true;
      }
    }
    return false;
  }

  function play(link, figure) {
    var src = figure.getAttribute("data-video-embed") || "";
    if (!isAllowed(src)) {
      return false; // follow the plain link instead
    }
    var title = figure.getAttribute("data-video-title") || link.textContent || "Video";
    var frame = document.createElement("iframe");
    frame.setAttribute("src", src);
    frame.setAttribute("title", title);
    frame.setAttribute("allow", "autoplay; fullscreen; picture-in-picture");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("loading", "lazy");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.className = "video-player";
    link.parentNode.replaceChild(frame, link);
    figure.classList.add("video-playing");
    // Keep keyboard and screen reader users where they were.
    frame.focus();
    return true;
  }

  function seek(link) {
    var box = link.closest("[data-video-player]");
    var player = box ? box.querySelector("video") : null;
    var at = parseFloat(link.getAttribute("data-video-seek"));
    if (!player || !isFinite(at) || at < 0) {
      return false; // follow the plain link instead
    }
    player.currentTime = at;
    var playing = player.play();
    if (playing && playing.catch) {
      playing.catch(function () {}); // the reader may have blocked playback: the time is set all the same
    }
    player.focus();
    return true;
  }

  // Marks the chapter the player is in.
  function track(box) {
    var player = box.querySelector("video");
    var links = box.querySelectorAll("a[data-video-seek]");
    if (!player || links.length === 0) {
      return;
    }
    player.addEventListener("timeupdate", function () {
      var current = -1;
      for (var i = 0; i < links.length; i++) {
        if (parseFloat(links[i].getAttribute("data-video-seek")) <= player.currentTime) {
          current = i;
        }
      }
      for (var j = 0; j < links.length; j++) {
        if (j === current) {
          links[j].setAttribute("aria-current", "true");
        } else {
          links[j].removeAttribute("aria-current");
        }
      }
    });
  }

  var boxes = document.querySelectorAll("[data-video-player]");
  for (var b = 0; b < boxes.length; b++) {
    track(boxes[b]);
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return; // let "open in new tab" and the like work as usual
    }
    var target = event.target;
    var chapter = target && target.closest ? target.closest("a[data-video-seek]") : null;
    if (chapter) {
      if (seek(chapter)) {
        event.preventDefault();
      }
      return;
    }
    var link = target && target.closest ? target.closest("a.video-link") : null;
    if (!link) {
      return;
    }
    var figure = link.closest("figure[data-video-embed]");
    if (!figure) {
      return;
    }
    if (play(link, figure)) {
      event.preventDefault();
    }
  });
})();
