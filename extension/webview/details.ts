// Image details webview script (runs in the webview, no Node).
export {};
