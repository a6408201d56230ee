class Util {
  static String says() { return "sibling says"; }
}
