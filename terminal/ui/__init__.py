"""The Qt counter app: the only package that imports Qt.

``app`` sets up the QApplication and translations, ``bridge`` and ``tasks`` carry worker and
driver results into the GUI thread as signals, ``controllers`` call the counter core and
``views`` only lay out and style.
"""
