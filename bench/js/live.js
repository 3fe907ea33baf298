// Passed to page.wait_for_function: the live result's time once it is on screen.
() => window.__bench?.live;
