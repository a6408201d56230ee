class Util {
  static String says() { return 42; }
}
