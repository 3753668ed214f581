// The code page: the page logic lives in logic.js so Node tests can drive it with a stand-in wx.
const { createCodePage } = require('./logic.js')
const { load } = require('../../lib/member.js')
const config = require('../../config.js')

Page(createCodePage({ wx, load, backend: config.backend }))
