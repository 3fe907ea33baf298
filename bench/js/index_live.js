// Passed to page.wait_for_function on the visit through the index: the live result's time.
() => window.__benchIndex?.live;
