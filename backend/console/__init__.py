"""The loyalty office's web console at /console (server-rendered, zh_CN and en).

accounts: console users, password hashes, sign-in with lockout, sessions and CSRF tokens.
i18n: every string in both languages. pages: the routes. docs/console.md describes it.
"""
