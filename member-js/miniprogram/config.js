// Where the loyalty backend is. In WeChat DevTools with "do not verify domain names" ticked, a
// backend on this computer works; a published mini program needs an https domain registered in
// the mini program's admin console (request legal domains).
module.exports = { backend: 'http://127.0.0.1:8000' }
