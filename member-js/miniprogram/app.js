// The mini program: one page, pages/code, that shows the member's rotating code.
App({})
