import java.io.*;
public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        int n = Integer.parseInt(in.readLine().trim());
        String p = in.readLine().trim();
        for (int k = 1; k < n; k++) {
            String s = in.readLine().trim();
            int i = 0; while (i < p.length() && i < s.length() && p.charAt(i) == s.charAt(i)) i++;
            p = p.substring(0, i);
        }
        System.out.println(p);
    }
}
