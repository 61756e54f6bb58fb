"""Search: every guide indexed by Pagefind inside the build, one index per language, and
meshkit's own search page, whose query and filters live in its address."""
