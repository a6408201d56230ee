export function says(): string {
    return "sibling says";
}
