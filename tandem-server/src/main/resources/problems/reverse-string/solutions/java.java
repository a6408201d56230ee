import java.io.*;
public class Main {
    public static void main(String[] args) throws IOException {
        String s = new BufferedReader(new InputStreamReader(System.in)).readLine();
        System.out.println(new StringBuilder(s).reverse());
    }
}
