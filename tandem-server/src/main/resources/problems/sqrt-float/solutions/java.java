import java.io.*;
public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        int t = Integer.parseInt(in.readLine().trim());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t; i++) sb.append(String.format("%.9f", Math.sqrt(Double.parseDouble(in.readLine().trim())))).append('\n');
        System.out.print(sb);
    }
}
