// video.js: turns a video placeholder into the player, only on click.
//
// The page renders <figure class="video" data-video-embed="EmbedURL"
// data-video-title="Title"> with an <a class="video-link" href="WatchURL">.
// Without JavaScript that link simply opens the video on the host's site.
// With it, a click replaces the link with the embedded player; until then
// nothing is requested from the video host.
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

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return; // let "open in new tab" and the like work as usual
    }
    var target = event.target;
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
