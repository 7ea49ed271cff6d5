"""Browser tests (Playwright + Debian's chromium) and the hand-made graphs the view tests share."""
