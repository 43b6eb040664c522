// Keeps the reader's look-and-feel choices in a cookie for a year, so the server renders the next visit with them.
export function save(name, value) {
    document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=31536000; samesite=lax`;
}
