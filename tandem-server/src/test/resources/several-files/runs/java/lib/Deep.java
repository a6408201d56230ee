package lib;

public class Deep {
  public static int twice(int n) { return n * 2; }
}
